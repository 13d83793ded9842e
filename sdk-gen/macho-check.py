#!/usr/bin/env python3
"""Checks a cross-linked darwin binary for what a Mac will hold against it, without a Mac:

    macho-check.py BINARY ARCH MIN_MACOS        (ARCH: x86_64 or arm64; MIN_MACOS: 11.0)

- a 64-bit Mach-O executable of ARCH;
- it declares MIN_MACOS as the oldest macOS it runs on (LC_BUILD_VERSION);
- it loads only libraries every Mac has, at their system paths;
- its code signature, if it has one, matches its bytes: Apple silicon runs no arm64 binary
  without at least the linker's ad-hoc signature, and a binary changed after signing (by a
  strip, say) is killed at start. arm64 binaries must have one.

Prints one line on success; exits 1 naming the first problem. Run by sdk-gen/dist.sh.
"""

import hashlib
import struct
import sys

# Every Mac has these (the frameworks are the stubs of sdk-gen/darwin-frameworks.txt).
ALLOWED = {
    "/usr/lib/libSystem.B.dylib",
    # Rust's libc crate links iconv on Apple platforms; libiconv brings libcharset.
    "/usr/lib/libiconv.2.dylib",
    "/usr/lib/libcharset.1.dylib",
    "/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation",
    "/System/Library/Frameworks/Security.framework/Versions/A/Security",
}
CPU = {"x86_64": 0x01000007, "arm64": 0x0100000C}
MH_MAGIC_64, MH_EXECUTE = 0xFEEDFACF, 2
LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB = 0xC, 0x80000018, 0x8000001F
LC_CODE_SIGNATURE, LC_BUILD_VERSION = 0x1D, 0x32
PLATFORM_MACOS = 1
CSMAGIC_EMBEDDED_SIGNATURE, CSMAGIC_CODEDIRECTORY, CSSLOT_CODEDIRECTORY = 0xFADE0CC0, 0xFADE0C02, 0
HASHES = {1: hashlib.sha1, 2: hashlib.sha256}


class Bad(Exception):
    pass


def version(packed):
    return f"{packed >> 16}.{(packed >> 8) & 0xFF}" + (f".{packed & 0xFF}" if packed & 0xFF else "")


def check_signature(data, dataoff, datasize):
    blob = data[dataoff : dataoff + datasize]
    magic, _, count = struct.unpack_from(">III", blob, 0)
    if magic != CSMAGIC_EMBEDDED_SIGNATURE:
        raise Bad(f"the code signature is not an embedded signature (magic {magic:#x})")
    for i in range(count):
        slot, offset = struct.unpack_from(">II", blob, 12 + 8 * i)
        if slot != CSSLOT_CODEDIRECTORY:
            continue
        cd = blob[offset:]
        magic, _, _, _, hash_offset, _, _, n_code_slots, code_limit = struct.unpack_from(">9I", cd, 0)
        hash_size, hash_type, _, page_log2 = struct.unpack_from(">4B", cd, 36)
        if magic != CSMAGIC_CODEDIRECTORY or hash_type not in HASHES:
            raise Bad("the code signature has no code directory this check understands")
        page = 1 << page_log2 if page_log2 else code_limit
        for n in range(n_code_slots):
            chunk = data[n * page : min((n + 1) * page, code_limit)]
            want = cd[hash_offset + n * hash_size : hash_offset + (n + 1) * hash_size]
            if HASHES[hash_type](chunk).digest()[:hash_size] != want:
                raise Bad(f"the code signature does not match page {n}: the binary changed after signing")
        if n_code_slots * page < code_limit or code_limit > dataoff:
            raise Bad("the code signature does not cover the code")
        return f"{n_code_slots} pages signed"
    raise Bad("the code signature has no code directory")


def check(path, arch, min_macos):
    with open(path, "rb") as f:
        data = f.read()
    magic, cputype, _, filetype, ncmds, _, _, _ = struct.unpack_from("<IiiIIIII", data, 0)
    if magic != MH_MAGIC_64 or filetype != MH_EXECUTE:
        raise Bad("not a 64-bit Mach-O executable")
    if cputype != CPU[arch]:
        raise Bad(f"built for CPU type {cputype:#x}, not {arch}")
    offset, libraries, minos, signed = 32, [], None, None
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, offset)
        if cmd in (LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB):
            (name_at,) = struct.unpack_from("<I", data, offset + 8)
            libraries.append(data[offset + name_at : offset + size].split(b"\0", 1)[0].decode())
        elif cmd == LC_BUILD_VERSION:
            platform, packed = struct.unpack_from("<II", data, offset + 8)
            if platform != PLATFORM_MACOS:
                raise Bad(f"built for Apple platform {platform}, not macOS")
            minos = version(packed)
        elif cmd == LC_CODE_SIGNATURE:
            dataoff, datasize = struct.unpack_from("<II", data, offset + 8)
            signed = check_signature(data, dataoff, datasize)
        offset += size
    if minos != min_macos:
        raise Bad(f"it needs macOS {minos}, expected {min_macos}")
    for lib in libraries:
        if lib not in ALLOWED:
            raise Bad(f"it loads {lib}, which a Mac may not have")
    if arch == "arm64" and not signed:
        raise Bad("an arm64 binary without a code signature does not run on Apple silicon")
    names = " ".join(sorted(lib.rsplit("/", 1)[-1] for lib in libraries))
    return f"macOS {minos}+, loads {names}; " + (signed or "not signed")


def main(argv):
    if len(argv) != 4 or argv[2] not in CPU:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        print(check(argv[1], argv[2], argv[3]))
    except (Bad, struct.error) as e:
        print(f"macho-check: {argv[1]}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
