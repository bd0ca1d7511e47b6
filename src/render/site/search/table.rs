//! The index's tables of syllables and pairs: open addressing over `u64`
//! keys, for lookups that are one hash and, nearly always, one load.

/// A map from nonzero `u64` keys to small values, kept at most half full
/// (linear probing). Against `HashMap`, one slot holds key and value
/// together: a lookup touches one cache line, where hashbrown touches its
/// control bytes and then the slot.
pub(super) struct Table<V> {
    slots: Vec<(u64, V)>,
    len: usize,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            slots: Vec::new(),
            len: 0,
        }
    }
}

/// The first size of a table, in bits.
const FIRST_BITS: u32 = 10;

impl<V: Copy + Default> Table<V> {
    /// The slot where `key` is or would go.
    #[inline(always)]
    fn find(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let bits = self.slots.len().trailing_zeros();
        let mut at = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        loop {
            let k = self.slots[at].0;
            if k == key || k == 0 {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The value of `key` (nonzero), if it has one.
    #[inline(always)]
    pub(super) fn get(&self, key: u64) -> Option<&V> {
        if self.slots.is_empty() {
            return None;
        }
        let at = self.find(key);
        (self.slots[at].0 == key).then(|| &self.slots[at].1)
    }

    /// The value of `key` (nonzero), made by `new` when first met.
    #[inline(always)]
    pub(super) fn entry(&mut self, key: u64, new: impl FnOnce() -> V) -> &mut V {
        debug_assert!(key != 0);
        if self.slots.is_empty() {
            self.slots = vec![(0, V::default()); 1 << FIRST_BITS];
        }
        let mut at = self.find(key);
        if self.slots[at].0 == 0 {
            if (self.len + 1) * 2 > self.slots.len() {
                self.grow();
                at = self.find(key);
            }
            self.slots[at] = (key, new());
            self.len += 1;
        }
        &mut self.slots[at].1
    }

    /// Doubles the slots.
    #[cold]
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![(0, V::default()); size]);
        for (k, v) in old.into_iter().filter(|e| e.0 != 0) {
            let at = self.find(k);
            self.slots[at] = (k, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_values_through_growth() {
        let mut t = Table::<u32>::default();
        for k in 1..5000u64 {
            // Keys alike in their low bits, as syllable pairs are.
            *t.entry(k << 32 | 7, || 0) = k as u32;
        }
        for k in 1..5000u64 {
            assert_eq!(*t.entry(k << 32 | 7, || 99), k as u32);
        }
        assert_eq!(*t.entry(3, || 99), 99);
        assert_eq!(t.len, 5000);
    }
}
