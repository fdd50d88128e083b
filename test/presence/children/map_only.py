# A foreign process that maps FILE read-only with mmap(2) and closes the descriptor, so only
# /proc/<pid>/maps shows it (Python's mmap module would keep a dup'd fd open).
import ctypes, json, mmap, os, sys

path = sys.argv[1]
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
size = os.path.getsize(path)
fd = os.open(path, os.O_RDONLY)
addr = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
if addr in (None, ctypes.c_void_p(-1).value):
    sys.exit("mmap failed: errno %d" % ctypes.get_errno())
os.close(fd)
first = ctypes.string_at(addr, 2)
print(json.dumps({"pid": os.getpid(), "first": first.hex()}), flush=True)
sys.stdin.read()
