#!/usr/bin/env python3
"""capture-netlink.py DIR - write real sock_diag receive buffers of this
kernel as seeds for fuzz-net-walk: one file per recv(), its first byte the
protocol the harness walks it as (0 TCP, 1 UDP, 2 unix).  Needs no root."""
import os, socket, struct, sys

NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY = 4, 20
NLM_F_REQUEST, NLM_F_DUMP = 1, 0x300


def dump(payload, proto_byte, name, out, limit=3):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
    s.bind((0, 0))
    msg = struct.pack("=IHHII", 16 + len(payload), SOCK_DIAG_BY_FAMILY,
                      NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + payload
    s.send(msg)
    for i in range(limit):
        buf = s.recv(32768)
        with open(os.path.join(out, "%s-%d" % (name, i)), "wb") as f:
            f.write(bytes([proto_byte]) + buf[:4096])
        if struct.unpack_from("=H", buf, 4)[0] == 3:  # NLMSG_DONE
            break
    s.close()


def inet_req(family, proto, states, ext):
    # inet_diag_req_v2: family, protocol, ext, pad, states, sockid (48 bytes)
    return struct.pack("=BBBBI", family, proto, ext, 0, states) + bytes(48)


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
# something to see: a TCP pair, a UDP socket, a unix pair, on loopback
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
c = socket.create_connection(l.getsockname()); a, _ = l.accept()
c.send(b"x" * 1000); a.recv(2000)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
p1, p2 = socket.socketpair()
dump(inet_req(socket.AF_INET, 6, 0xfff, 1 << 1), 0, "tcp4", out)  # INET_DIAG_INFO
dump(inet_req(socket.AF_INET6, 6, 0xfff, 1 << 1), 0, "tcp6", out)
dump(inet_req(socket.AF_INET, 17, 0xfff, 1 << 0), 1, "udp4", out)  # SKMEMINFO
# unix_diag_req: family, protocol, pad, states, ino, show, cookie[2]
dump(struct.pack("=BBHIIIII", 1, 0, 0, 0xffffffff, 0, 0x1 | 0x4 | 0x10 | 0x40, 0, 0), 2, "unix", out)
