#!/usr/bin/env python3
"""Known-answer vectors for Nissan's SRP-6a variant (api-nissan.md §3.4),
computed independently of Carport's C code with hashlib, hmac and pow().

test-srp.c holds this script's output; run it to regenerate them:
    python3 tests/api/srp-nissan-vectors.py

The variant: RFC 5054 2048-bit group, g = 2, SHA-256,
x = H(salt | H(user ":" PIN)), v = g^x, k = H(N | one byte g),
u = H(minimal A | PAD(B)), S = (B - k v)^(a + u x), K = H(minimal S),
proof = HMAC-SHA256(K, PAD(A) | PAD(B) | user | salt | order).
The vectors search for a private a whose A has a leading zero byte and a
server b whose S has one, so that padding A in u or S in K (the fork's
mistake) gives another proof."""
import hashlib
import hmac

N = int("AC6BDB41324A9A9BF166DE5E1389582FAF72B6651987EE07FC3192943DB56050A37329CB"
        "B4A099ED8193E0757767A13DD52312AB4B03310DCD7F48A9DA04FD50E8083969EDB767B0"
        "CF6095179A163AB3661A05FBD5FAAAE82918A9962F0B93B855F97993EC975EEAA80D740A"
        "DBF4FF747359D041D5C33EA71D281E446B14773BCA97B43A23FB801676BD207A436C6481"
        "F1D2B9078717461A5B9D32E688F87748544523B524B0D57D5EA77A2775D2ECFA032CFBDB"
        "F52FB3786160279004E57AE6AF874E7303CE53299CCC041C7BC308D82A5698F3A8D0C382"
        "71AE35F8E9DBFBB694B5C803D89F7AE435DE236D525F54759B65E372FCD68EF20FA7111F"
        "9E4AFF73", 16)
g = 2
SIZE = 256


def H(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p)
    return h.digest()


def minimal(n):
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


def pad(n):
    return n.to_bytes(SIZE, "big")


def vector(user, pin, salt, order, a_bytes, b):
    x = int.from_bytes(H(salt, H(f"{user}:{pin}".encode())), "big")
    v = pow(g, x, N)
    k = int.from_bytes(H(minimal(N), bytes([g])), "big")
    a = int.from_bytes(a_bytes, "big")
    A = pow(g, a, N)
    B = (k * v + pow(g, b, N)) % N
    u = int.from_bytes(H(minimal(A), pad(B)), "big")
    S = pow((B - k * v) % N, a + u * x, N)
    # the server's side gives the same S
    assert S == pow(A * pow(v, u, N) % N, b, N)
    K = H(minimal(S))
    proof = hmac.new(K, pad(A) + pad(B) + user.encode() + salt + order.encode(),
                     hashlib.sha256).hexdigest()
    return dict(v=v, A=A, B=B, S=S, proof=proof)


def main():
    user = "9204117"
    pin = "2580"
    salt = bytes(range(0xa0, 0xaa))
    order = "SJNFAAZE1U0000001/RLU/Unlock"
    # a: 32 bytes; the first whose A begins with a zero byte
    for i in range(1, 100000):
        a_bytes = hashlib.sha256(b"carport-a-%d" % i).digest()
        if pow(g, int.from_bytes(a_bytes, "big"), N) < 1 << (8 * (SIZE - 1)):
            break
    # b: the first whose S begins with a zero byte too
    for j in range(1, 100000):
        b = int.from_bytes(hashlib.sha256(b"carport-b-%d" % j).digest(), "big")
        vec = vector(user, pin, salt, order, a_bytes, b)
        if vec["S"] < 1 << (8 * (SIZE - 1)):
            break
    print("user", user, "pin", pin, "salt", salt.hex(), "order", order)
    print("a", a_bytes.hex())
    for key in ("v", "A", "B"):
        print(key, "%0512x" % vec[key])
    print("S", "%0512x" % vec["S"])
    print("proof", vec["proof"])


if __name__ == "__main__":
    main()
