//! A term shard as JSON, written by hand: millions of small numbers, and
//! keys that need no escaping.

/// A key of a shard: folded, exact, its entries (`doc << 1 | in_title`).
pub(super) type ShardKey<'a> = (String, String, &'a [u32]);

/// `{"dang":{"dang":[…],"đảng":[…]},"dang vien":{…}}`; each list holds
/// `(doc − previous doc) << 1 | in_title`, the first doc counted from 0.
pub(super) fn shard_json(keys: &[ShardKey<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + keys.len() * 32);
    out.push(b'{');
    let mut i = 0;
    while i < keys.len() {
        let folded = &keys[i].0;
        if i > 0 {
            out.push(b',');
        }
        // Keys are letters, digits and single spaces: nothing to escape.
        out.push(b'"');
        out.extend_from_slice(folded.as_bytes());
        out.extend_from_slice(b"\":{");
        let mut first = true;
        while i < keys.len() && keys[i].0 == *folded {
            let (_, exact, entries) = &keys[i];
            if !first {
                out.push(b',');
            }
            first = false;
            out.push(b'"');
            out.extend_from_slice(exact.as_bytes());
            out.extend_from_slice(b"\":[");
            let mut prev = 0;
            for (j, e) in entries.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                let doc = e >> 1;
                push_u32(&mut out, (doc - prev) << 1 | (e & 1));
                prev = doc;
            }
            out.push(b']');
            i += 1;
        }
        out.push(b'}');
    }
    out.push(b'}');
    out
}

fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    // Most numbers are small gaps between documents.
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n < 100 {
        out.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
        return;
    }
    let mut buf = [0u8; 10];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}
