// tests/mock/https.js CERT KEY: a loopback HTTPS server answering every
// /api/v0/version with Kubo's reply shape, for the TLS tests. Prints its
// port on stdout once listening.
'use strict';
const https = require('https');
const fs = require('fs');
const [cert, key] = process.argv.slice(2);
const server = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) },
  (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"Version":"mock-tls"}\n');
    });
  });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
