// tests/mock/faultd.js: a loopback HTTP server that injects the faults a
// real IPFS node cannot produce on demand. The first path segment picks the
// fault, so a tool pointed at --api http://127.0.0.1:PORT/FAULT sends
// /FAULT/api/v0/... requests:
//   ok          200 {"Version":"mock"} (and a valid add reply for /add)
//   delay-MS    the same after MS milliseconds
//   reset       the connection is destroyed without a reply
//   stall       the request is never answered
//   500         500 with the RPC error object
//   malformed   200 with a body that is not JSON
//   truncated   200 announcing 1000 bytes, sending 10, then closing
//   streamerr   200 chunked body, then an X-Stream-Error trailer
//   wrongsize   200 with one byte more than asked for reads (for --verify)
// Prints its port on stdout once listening. Usage: node faultd.js
'use strict';
const http = require('http');

const server = http.createServer((req, res) => {
  const parts = req.url.split('/');
  const fault = parts[1] || 'ok';
  const rest = '/' + parts.slice(2).join('/');
  const body = [];
  req.on('data', (c) => body.push(c));
  req.on('end', () => answer(fault, rest, req, res));
});

function ok(rest, res) {
  if (rest.startsWith('/api/v0/add')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"Name":"f","Hash":"QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n","Size":"14"}\n');
    return;
  }
  if (rest.startsWith('/ipfs/') || rest.startsWith('/api/v0/cat')) {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end('hello');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{"Version":"mock","Commit":"","Repo":"0"}\n');
}

// Answer after exactly ms milliseconds: a timer for most of the wait (timers
// fire late by up to a millisecond or more), then spin to the deadline.
function delay(ms, fn) {
  const end = process.hrtime.bigint() + BigInt(ms) * 1000000n;
  const spin = () => {
    while (process.hrtime.bigint() < end) { /* spin */ }
    fn();
  };
  if (ms > 3) setTimeout(spin, ms - 3); else spin();
}

function answer(fault, rest, req, res) {
  const m = /^delay-(\d+)$/.exec(fault);
  if (m) { delay(+m[1], () => ok(rest, res)); return; }
  switch (fault) {
  case 'ok': ok(rest, res); break;
  case 'reset': req.socket.destroy(); break;
  case 'stall': break;
  case '500':
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end('{"Message":"injected failure","Code":0,"Type":"error"}\n');
    break;
  case 'malformed':
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"Hash": this is not json\n');
    break;
  case 'truncated':
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '1000' });
    res.write('0123456789');
    setTimeout(() => req.socket.destroy(), 20);
    break;
  case 'streamerr':
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Trailer': 'X-Stream-Error' });
    res.write('partial');
    res.addTrailers({ 'X-Stream-Error': 'injected stream failure' });
    res.end();
    break;
  case 'wrongsize':
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end('hello!');
    break;
  default:
    res.writeHead(404); res.end('unknown fault ' + fault + '\n');
  }
}

server.keepAliveTimeout = 30000;
server.listen(0, process.argv[2] || '127.0.0.1', () => {
  console.log(server.address().port);
});
