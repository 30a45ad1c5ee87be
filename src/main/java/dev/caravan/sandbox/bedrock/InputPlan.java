package dev.caravan.sandbox.bedrock;

import java.util.BitSet;
import java.util.List;

/**
 * A validated job's records: its input files in processing order and, per record (numbered through all files), whether
 * its inference fails. Inference is deterministic, so the outcome known at validation is the one the results will
 * hold; it lets GetModelInvocationJob report success and error counts while the job is still InProgress without
 * keeping any record in memory (one bit each, at most 50,000 by default).
 */
record InputPlan(List<InputFile> files, int total, BitSet failing) {

    int successesAmongFirst(int done) {
        return done - failing.get(0, Math.min(done, total)).cardinality();
    }
}
