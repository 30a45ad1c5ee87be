package dev.caravan.model.object;

/** A delete that succeeded (S3 answers it with 204 whether or not the key existed). */
public record ObjectDeleted(ObjectAddress address) {
}
