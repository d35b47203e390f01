# An ingest-heavy mix: many adds, plain and chunked in parallel, large
# payloads through chunk-put's CAR upload, and the node's cheap calls.
ipfs-time-add -s 64k,256k,1M -c 4
ipfs-time-add -s 4M --via chunked -c 4
ipfs-time-add -s 4M --via chunked --chunk-mode car -c 4
ipfs-time-cat --call repo/stat --call stats/bw
