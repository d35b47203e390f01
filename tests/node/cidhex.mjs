// cidhex.mjs [-m] CID...: print each CID's binary form in hex, decoded by
// the multiformats library (an implementation independent of chunk-put), so
// tests compare CIDs by bytes whatever base the node prints them in; with
// -m, the multihash only: what names a block in a store (refs/local prints
// every block as a raw CIDv1, whatever CID it was added under).
import { CID } from 'multiformats/cid'
let args = process.argv.slice(2)
const mh = args[0] === '-m'
if (mh) args = args.slice(1)
for (const s of args) {
  const c = CID.parse(s)
  console.log(Buffer.from(mh ? c.multihash.bytes : c.bytes).toString('hex'))
}
