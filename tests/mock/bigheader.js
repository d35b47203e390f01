// tests/mock/bigheader.js: a loopback HTTP server whose every reply has a
// 1 MiB header. Prints its port on stdout once listening.
'use strict';
const http = require('http');
const s = http.createServer({maxHeaderSize: 4 << 20}, (req, res) => { req.resume(); req.on('end', () => {
  res.writeHead(200, { 'X-Big': 'a'.repeat(1 << 20), 'Content-Type': 'application/json' }); res.end('{}'); }); });
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
