// cidhex.mjs CID...: print each CID's binary form in hex, decoded by the
// multiformats library (an implementation independent of chunk-put), so
// tests compare CIDs by bytes whatever base the node prints them in.
import { CID } from 'multiformats/cid'
for (const s of process.argv.slice(2)) {
  const c = CID.parse(s)
  console.log(Buffer.from(c.bytes).toString('hex'))
}
