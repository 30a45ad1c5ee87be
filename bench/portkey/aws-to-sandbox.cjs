// Preloaded into the Portkey gateway by bench/compare.sh (node --require). Portkey's Bedrock file upload builds its
// S3 URLs as https://<bucket>.s3.<region>.amazonaws.com/<key> (src/providers/bedrock/uploadFile.ts: initiate a
// multipart upload, one UploadPart per ~1 MB of converted lines, CompleteMultipartUpload) and its control-plane URLs
// as https://bedrock.<region>.amazonaws.com, with no custom host for either. This wrapper around globalThis.fetch
// sends those requests to the sandbox's S3 store (path style: <endpoint>/<bucket>/<key>?<query>) and Bedrock
// emulator instead, and signs them again with SigV4 for the new host, using Portkey's own signing dependencies
// (@smithy/signature-v4, @aws-crypto/sha256-js) and the emulators' credentials from the environment: the same ones
// the benchmark driver sends Portkey in its x-portkey-aws-* headers. The payload hash Portkey computed
// (x-amz-content-sha256) is kept, so the store still checks the bytes against it.
//
// This redirect is the only change, with one correction: a bodiless request Portkey signed with the hash of a body it
// does not send gets the empty body's hash (see below). Portkey's conversion and upload code run unchanged.
'use strict';
const path = require('path');

const gatewayModules = path.join(__dirname, 'node_modules');
const { SignatureV4 } = require(require.resolve('@smithy/signature-v4', { paths: [gatewayModules] }));
const { Sha256 } = require(require.resolve('@aws-crypto/sha256-js', { paths: [gatewayModules] }));

const S3_ENDPOINT = process.env.BENCH_S3_ENDPOINT; // e.g. http://127.0.0.1:40123
const BEDROCK_ENDPOINT = process.env.BENCH_BEDROCK_ENDPOINT;
const S3_HOST = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.s3\.([a-z0-9-]+)\.amazonaws\.com$/;
const BEDROCK_HOST = /^bedrock\.([a-z0-9-]+)\.amazonaws\.com$/;

// headers the signature covers or that name the old host: dropped, then made again for the new request
const RESIGNED = new Set(['authorization', 'x-amz-date', 'host', 'content-length']);

const originalFetch = globalThis.fetch;
const UNSIGNED = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function target(url) {
  const s3 = S3_ENDPOINT && S3_HOST.exec(url.hostname);
  if (s3) {
    const base = new URL(S3_ENDPOINT);
    const redirected = new URL(`${base.origin}/${s3[1]}${url.pathname}${url.search}`);
    return {
      url: redirected, service: 's3', region: s3[2],
      accessKeyId: process.env.BENCH_S3_ACCESS_KEY, secretAccessKey: process.env.BENCH_S3_SECRET_KEY,
    };
  }
  const bedrock = BEDROCK_ENDPOINT && BEDROCK_HOST.exec(url.hostname);
  if (bedrock) {
    const base = new URL(BEDROCK_ENDPOINT);
    return {
      url: new URL(`${base.origin}${url.pathname}${url.search}`), service: 'bedrock', region: bedrock[1],
      accessKeyId: process.env.BENCH_BEDROCK_ACCESS_KEY, secretAccessKey: process.env.BENCH_BEDROCK_SECRET_KEY,
    };
  }
  return null;
}

function plainHeaders(headers) {
  const out = {};
  if (!headers) {
    return out;
  }
  if (typeof headers.forEach === 'function' && !Array.isArray(headers)) {
    headers.forEach((value, name) => { out[name.toLowerCase()] = value; });
  } else {
    for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) {
      out[name.toLowerCase()] = value;
    }
  }
  return out;
}

globalThis.fetch = async function redirectingFetch(input, init = {}) {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const to = target(url);
  if (!to) {
    return originalFetch(input, init);
  }
  const method = (init.method || 'GET').toUpperCase();
  const headers = {};
  for (const [name, value] of Object.entries(plainHeaders(init.headers))) {
    if (!RESIGNED.has(name)) {
      headers[name] = value;
    }
  }
  headers.host = to.url.host;
  if (init.body == null && headers['x-amz-content-sha256'] && headers['x-amz-content-sha256'] !== UNSIGNED
      && headers['x-amz-content-sha256'] !== EMPTY_SHA256) {
    // Portkey 1.15.2 signs its bodiless CreateMultipartUpload with the SHA-256 of "{}" and S3 refuses that
    // (XAmzContentSHA256Mismatch): the one correction made here, so that its conversion can be measured at all
    headers['x-amz-content-sha256'] = EMPTY_SHA256;
  }
  const signer = new SignatureV4({
    service: to.service,
    region: to.region,
    credentials: { accessKeyId: to.accessKeyId, secretAccessKey: to.secretAccessKey },
    sha256: Sha256,
    // S3 signs the path as sent (no second URI encoding); every other AWS service double-encodes
    uriEscapePath: to.service !== 's3',
  });
  const signed = await signer.sign({
    method,
    protocol: to.url.protocol,
    hostname: to.url.hostname,
    port: to.url.port ? Number(to.url.port) : undefined,
    path: to.url.pathname,
    query: Object.fromEntries(to.url.searchParams.entries()),
    headers,
    // the body only matters to the signer when Portkey sent no x-amz-content-sha256; it always does for S3
    body: init.body,
  });
  if (process.env.BENCH_AWS_TRACE) {
    // what was redirected, for debugging the benchmark (never the credentials)
    console.error(`aws-to-sandbox: ${method} ${url.href} -> ${to.url.href} x-amz-content-sha256=${
      headers['x-amz-content-sha256']} body=${init.body == null ? 'none' : (init.body.length ?? '?') + ' bytes'}`);
  }
  const sent = { ...signed.headers };
  delete sent.host; // undici sets Host from the URL, which is what was signed
  return originalFetch(to.url.toString(), { ...init, method, headers: sent });
};
