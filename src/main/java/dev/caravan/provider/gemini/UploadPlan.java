package dev.caravan.provider.gemini;

import dev.caravan.jsonl.LineFormat;
import dev.caravan.model.command.UploadFile;

/**
 * An upload, checked and measured before anything is sent: the caller's spooled file, the line format it was written
 * in, the one model its lines name (null when they name none), and the size of its Gemini lines, which the resumable
 * upload declares up front.
 */
record UploadPlan(UploadFile upload, String displayName, LineFormat sourceFormat, String model, long geminiBytes) {
}
