// tests/mock/faultd.js: a loopback HTTP server that injects the faults a
// real IPFS node cannot produce on demand. The first path segment picks the
// fault, so a tool pointed at --api http://127.0.0.1:PORT/FAULT sends
// /FAULT/api/v0/... requests. FAULT:ENDPOINT (dots for slashes, e.g.
// 500:block.put) injects it into that endpoint only; the others answer ok.
//   ok          a healthy reply: {"Version":"mock"}; an add reply (naming a
//               fixed CID); block/put stores the block and names its CID;
//               block/stat of a stored block; refs/local and files/stat
//               of MFS's root name one raw block, pin/ls no pin; reads
//               get "hello"
//   delay-MS    the same after MS milliseconds
//   stall       the request is never answered
//   reset       the connection is destroyed without a reply
//   stallbody   200, the first bytes of the body, then nothing more
//   resetbody   200 announcing 1000 bytes, 10 sent, then a TCP reset
//   truncated   200 announcing 1000 bytes, 10 sent, then closed
//   chunkcut    200 chunked, one chunk, then closed without the last chunk
//   500         500 with the RPC error object
//   malformed   200 with a body that is not JSON
//   truncjson   200 with a JSON object cut in the middle
//   bighdr      200 with a 1 MiB response header
//   streamerr   200 chunked body, then an X-Stream-Error trailer
//   wrongsize   200 with one byte more than asked for reads (for --verify)
//   wrongcid    add and block/put name another CID than the content's
//   wrongblock  block/get answers bytes that are not the block asked for
//   heldopen    block/rm answers for every block, then holds its reply
//               open, never ended; refs/local names HELLO too (the raw
//               block of "hello") until block/rm removes it
//   endless     200 chunked, a body that never ends (refs/local-like NDJSON
//               lines), sent as fast as the client takes it, until it hangs up
// Prints its port on stdout once listening. Usage: node faultd.js [host]
'use strict';
const http = require('http');
const crypto = require('crypto');

const OTHER = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const HELLO = 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq';
const stored = new Map();	// multihash (hex) -> size, from block/put
const removed = new Set();	// CIDs that block/rm (heldopen) removed

function base32(buf) {
  const a = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0, v = 0, out = '';
  for (const b of buf) {
    v = (v << 8) | b; bits += 8;
    while (bits >= 5) { out += a[(v >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += a[(v << (5 - bits)) & 31];
  return out;
}

// The CIDv1 (base32) of a sha2-256 digest under codec (raw 0x55, dag-pb 0x70).
function cidv1(codec, digest) {
  return 'b' + base32(Buffer.concat([Buffer.from([1, codec, 0x12, 0x20]), digest]));
}

// The first part of a multipart/form-data body.
function firstPart(req, body) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] || '');
  if (!m) return body;
  const b = Buffer.from('\r\n--' + (m[1] || m[2]));
  const start = body.indexOf('\r\n\r\n');
  if (start < 0) return Buffer.alloc(0);
  const end = body.indexOf(b, start + 4);
  return body.subarray(start + 4, end < 0 ? body.length : end);
}

function json(res, code, obj) {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(obj) + '\n');
}

function ok(rest, req, res, body, q) {
  if (rest.startsWith('/api/v0/add')) {
    json(res, 200, { Name: 'f', Hash: 'QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n', Size: '14' });
  } else if (rest.startsWith('/api/v0/block/put')) {
    const data = firstPart(req, body);
    const codec = /^(raw)$/.test(q.get('cid-codec') || q.get('format') || '') ? 0x55 : 0x70;
    const digest = crypto.createHash('sha256').update(data).digest();
    stored.set(digest.toString('hex'), data.length);
    json(res, 200, { Key: cidv1(codec, digest), Size: data.length });
  } else if (rest.startsWith('/api/v0/refs/local')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ Ref: OTHER, Err: '' }) + '\n');
  } else if (rest.startsWith('/api/v0/pin/ls')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end();
  } else if (rest.startsWith('/api/v0/files/stat') && q.get('arg') === '/') {
    json(res, 200, { Hash: OTHER, Size: 0, CumulativeSize: 0, Blocks: 0, Type: 'directory' });
  } else if (rest.startsWith('/api/v0/block/stat')) {
    json(res, 500, { Message: 'blockservice: key not found', Code: 0, Type: 'error' });
  } else if (rest.startsWith('/ipfs/') || rest.startsWith('/api/v0/cat') || rest.startsWith('/api/v0/block/get')) {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end('hello');
  } else {
    json(res, 200, { Version: 'mock', Commit: '', Repo: '0' });
  }
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

function inject(fault, rest, req, res, body, q) {
  const m = /^delay-(\d+)$/.exec(fault);
  if (m) { delay(+m[1], () => ok(rest, req, res, body, q)); return; }
  switch (fault) {
  case 'ok': ok(rest, req, res, body, q); break;
  case 'stall': break;
  case 'reset': req.socket.destroy(); break;
  case 'stallbody':
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '1000' });
    res.write('0123456789');
    break;
  case 'resetbody':
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '1000' });
    res.write('0123456789', () => req.socket.resetAndDestroy());
    break;
  case 'truncated':
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '1000' });
    res.write('0123456789', () => req.socket.end());
    break;
  case 'chunkcut':
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"Version":', () => req.socket.end());
    break;
  case '500':
    json(res, 500, { Message: 'injected failure', Code: 0, Type: 'error' });
    break;
  case 'malformed':
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"Hash": this is not json\n');
    break;
  case 'truncjson':
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"Version":"mo');
    break;
  case 'bighdr':
    res.writeHead(200, { 'X-Big': 'a'.repeat(1 << 20), 'Content-Type': 'application/json' });
    res.end('{}');
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
  case 'wrongcid':
    if (rest.startsWith('/api/v0/block/put'))
      json(res, 200, { Key: OTHER, Size: firstPart(req, body).length });
    else
      ok(rest, req, res, body, q);	// add: names a fixed CID already
    break;
  case 'endless': {
    const line = '{"Ref":"bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy","Err":""}\n';
    const chunk = Buffer.from(line.repeat(Math.ceil(65536 / line.length)));
    let open = true;
    res.on('close', () => { open = false; });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const pump = () => {
      while (open && res.write(chunk)) { /* until the socket buffer is full */ }
      if (open) res.once('drain', pump);
    };
    pump();
    break;
  }
  case 'heldopen':
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (rest.startsWith('/api/v0/block/rm'))
      for (const h of q.getAll('arg')) {
        removed.add(h);
        res.write(JSON.stringify({ Hash: h, Error: '' }) + '\n');
      }
    else
      res.write(JSON.stringify({ Version: 'mock' }) + '\n');
    break;
  case 'wrongblock':
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end('not the block you asked for');
    break;
  default:
    res.writeHead(404); res.end('unknown fault ' + fault + '\n');
  }
}

const server = http.createServer({ maxHeaderSize: 4 << 20 }, (req, res) => {
  const parts = req.url.split('/');
  const [fault, only] = (parts[1] || 'ok').split(':');
  const rest = '/' + parts.slice(2).join('/');
  const q = new URL(rest, 'http://x').searchParams;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (fault === 'heldopen' && rest.startsWith('/api/v0/refs/local')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(JSON.stringify({ Ref: OTHER, Err: '' }) + '\n');
      res.end(removed.has(HELLO) ? '' : JSON.stringify({ Ref: HELLO, Err: '' }) + '\n');
    } else if (only && !rest.startsWith('/api/v0/' + only.replace(/\./g, '/')))
      ok(rest, req, res, body, q);
    else
      inject(fault, rest, req, res, body, q);
  });
});

server.keepAliveTimeout = 30000;
server.listen(0, process.argv[2] || '127.0.0.1', () => {
  console.log(server.address().port);
});
