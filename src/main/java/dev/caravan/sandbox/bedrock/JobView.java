package dev.caravan.sandbox.bedrock;

/**
 * A job as GetModelInvocationJob and the list summaries show it at one moment.
 *
 * @param message  the failure (or end) reason, or null
 * @param endTime  epoch millis, or null while the job has not ended
 */
record JobView(JobSpec spec, JobStatus status, String message, long lastModifiedMillis, Long endTime,
               JobCounts counts) {
}
