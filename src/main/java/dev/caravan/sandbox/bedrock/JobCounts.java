package dev.caravan.sandbox.bedrock;

/** The four record counts of GetModelInvocationJob, top-level members on the wire (provider-apis.md §6.3). */
record JobCounts(long total, long processed, long success, long error) {

    static final JobCounts NONE = new JobCounts(0, 0, 0, 0);
}
