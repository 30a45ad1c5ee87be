// Preloaded into the Portkey gateway by bench/compare.sh (node --require). Portkey's start-server calls hono's
// serve({fetch, port}) without a hostname, which binds every interface; the benchmark must not expose anything
// beyond this machine. A listen() given no host is made to bind 127.0.0.1; everything else is left as it is.
'use strict';
const net = require('net');

const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback]): a host is a string in the second place
    if (typeof args[1] !== 'string') {
      args.splice(1, 0, '127.0.0.1');
    }
  } else if (first && typeof first === 'object' && !Array.isArray(first) && first.path === undefined
      && first.host === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
