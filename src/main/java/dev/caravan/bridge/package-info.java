/**
 * The S3 files API and the Bedrock batch API in front of providers that have files and batches instead of objects
 * and jobs (OpenAI, Anthropic, Gemini): an object is a provider file whose Caravan id is its ETag and key, a model
 * invocation job is a provider batch whose ARN carries the batch's id (DESIGN §3). Each operation is translated to the
 * provider's own files or batches route and its answer back, so those providers need no S3 or Bedrock code of their
 * own.
 */
package dev.caravan.bridge;
