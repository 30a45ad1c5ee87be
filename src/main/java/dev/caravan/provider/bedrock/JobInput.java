package dev.caravan.provider.bedrock;

/**
 * What the pre-submission check found in a Bedrock batch job's input.
 *
 * @param records        the job's records (non-blank lines) over all its input files
 * @param invocationType the modelInvocationType to submit: the caller's, or the one Caravan decided for a job that
 *                       set none (see {@link JobInputCheck})
 */
public record JobInput(long records, ModelInvocationType invocationType) {
}
