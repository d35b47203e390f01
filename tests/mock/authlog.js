// tests/mock/authlog.js LOG [REDIRECT-URL]: a loopback HTTP server that
// answers every request with "hello" (200), or with a 302 to REDIRECT-URL
// when given, and appends "METHOD PATH AUTHORIZATION" per request to LOG
// ("-" when it came without one). Prints its port on stdout once listening.
'use strict';
const http = require('http');
const fs = require('fs');
const [log, redirect] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    fs.appendFileSync(log, `${req.method} ${req.url.split('?')[0]} ${req.headers.authorization || '-'}\n`);
    if (redirect) {
      res.writeHead(302, { Location: redirect + req.url });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end('hello');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
