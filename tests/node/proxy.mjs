// proxy.mjs PORTFILE MODE: a loopback HTTP proxy in front of $IPFS_API for
// failure tests. It writes its port to PORTFILE, then forwards requests,
// except as MODE says:
//   flaky:N    every Nth distinct request (URL and body) gets HTTP 500 with
//              an RPC error object the first time; sent again, it passes
//   corrupt    block/get replies have their last byte changed
//   wrongkey   block/put replies name another CID than the block's
//   kubo       speaks like current Kubo: a Kubo version reply; block/put
//              takes cid-codec (format or version are refused) and names
//              dag-pb blocks by CIDv1, as Kubo does
//   delay:MS   every reply held MS milliseconds (an injected regression,
//              for tests/aa-proof)
//   pass       nothing changed (counts requests only)
// Each request is logged to stderr as "proxy: N PATH".
import http from 'node:http'
import fs from 'node:fs'
import crypto from 'node:crypto'

const [portfile, mode = 'pass'] = process.argv.slice(2)
const api = new URL(process.env.IPFS_API)
let n = 0
let distinct = 0
const seen = new Set()

const server = http.createServer((req, res) => {
  n++
  process.stderr.write(`proxy: ${n} ${req.url}\n`)
  const [kind, arg] = mode.split(':')
  const body = []
  req.on('data', (b) => body.push(b))
  req.on('end', () => {
    // the multipart boundary changes from attempt to attempt: leave it out
    const m = /boundary=([^;]+)/.exec(req.headers['content-type'] || '')
    let text = Buffer.concat(body).toString('latin1')
    if (m) text = text.split(m[1]).join('')
    const key = req.url + ' ' + crypto.createHash('sha256').update(text, 'latin1').digest('hex')
    const first = !seen.has(key)
    seen.add(key)
    if (first) distinct++
    if (kind === 'flaky' && first && distinct % Number(arg) === 0) {
      res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ Message: 'proxy: injected failure', Code: 0, Type: 'error' }))
      return
    }
    let path = req.url
    if (kind === 'kubo' && path.startsWith('/api/v0/version')) {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"Version":"0.30.0","Commit":"","Repo":"16","System":"amd64/linux","Golang":"go1.22.0"}\n')
      return
    }
    if (kind === 'kubo' && path.startsWith('/api/v0/block/put')) {
      const q = new URL(path, 'http://x').searchParams
      if (q.has('format') || q.has('version') || !q.has('cid-codec')) {
        res.writeHead(400, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ Message: 'proxy (as Kubo): use cid-codec, not format/version', Code: 1, Type: 'error' }))
        return
      }
      path = `/api/v0/block/put?format=${q.get('cid-codec')}&mhtype=${q.get('mhtype')}&version=1`
    }
    const up = http.request({
      host: api.hostname, port: api.port, method: req.method, path,
      headers: { ...req.headers, host: api.host }
    }, (ur) => {
      const parts = []
      ur.on('data', (b) => parts.push(b))
      ur.on('end', () => {
        let out = Buffer.concat(parts)
        if (kind === 'wrongkey' && req.url.startsWith('/api/v0/block/put') &&
            ur.statusCode === 200) {
          const o = JSON.parse(out.toString())
          o.Key = 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH'
          out = Buffer.from(JSON.stringify(o))
        }
        if (kind === 'corrupt' && req.url.startsWith('/api/v0/block/get') &&
            ur.statusCode === 200 && out.length > 0) {
          out = Buffer.from(out)
          out[out.length - 1] ^= 0xff
        }
        const h = { ...ur.headers }
        delete h['transfer-encoding']
        delete h.trailer
        h['content-length'] = out.length
        const send = () => { res.writeHead(ur.statusCode, h); res.end(out) }
        if (kind === 'delay') setTimeout(send, Number(arg)); else send()
      })
    })
    up.on('error', (e) => { res.writeHead(502); res.end(String(e)) })
    up.end(Buffer.concat(body))
  })
})
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portfile, String(server.address().port))
})
