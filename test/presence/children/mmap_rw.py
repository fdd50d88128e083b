# A foreign process that maps FILE shared and writable through Python's mmap module (which keeps a
# dup'd read-write descriptor), without ever writing to it.
import json, mmap, os, sys

path = sys.argv[1]
with open(path, "r+b") as f:
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_WRITE)
print(json.dumps({"pid": os.getpid(), "size": len(m)}), flush=True)
sys.stdin.read()
