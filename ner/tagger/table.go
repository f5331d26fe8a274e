package tagger

import (
	"maps"
	"slices"
)

// hashTable is an open-addressing table keyed by hashes (feature ids, hashes of words): the keys are
// hashes already, so their low bits pick the slot, and a look-up reads one slot where a Go map reads
// several places. The key 0 marks an empty slot and is never stored. Built once, read by any number of
// goroutines.
type hashTable[V any] struct {
	slots []hashSlot[V]
	mask  uint64
}

type hashSlot[V any] struct {
	key uint64
	val V
}

// newHashTable builds a table of the entries of m, half full at most.
func newHashTable[V any](m map[uint64]V) hashTable[V] {
	n := uint64(16)
	for n < uint64(len(m))*2 {
		n *= 2
	}
	t := hashTable[V]{slots: make([]hashSlot[V], n), mask: n - 1}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k == 0 {
			continue
		}
		i := k & t.mask
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = hashSlot[V]{k, m[k]}
	}
	return t
}

// get returns the value of key k; a table never built holds nothing.
func (t *hashTable[V]) get(k uint64) (*V, bool) {
	if t.slots == nil || k == 0 {
		return nil, false
	}
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		switch t.slots[i].key {
		case k:
			return &t.slots[i].val, true
		case 0:
			return nil, false
		}
	}
}
