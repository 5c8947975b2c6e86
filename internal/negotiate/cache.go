package negotiate

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// cacheSlots is the number of answers a Cache holds.
const cacheSlots = 512

// Cache maps Accept-Language values (at most MaxBytes long) to the index of the
// catalog negotiated for them.
// It is direct-mapped: a value has one slot, chosen by a hash with a seed of its own (an attacker cannot aim
// at a slot), and a new value replaces the one in its slot. So the cache always takes new values: values an
// attacker sends to fill it are replaced by a browser's as soon as it comes again, where a cache that stops
// taking values once full would leave every later value out for good. It holds at most cacheSlots values,
// 512 KiB at worst; a hit does not allocate.
type Cache struct {
	seed  maphash.Seed
	slots [cacheSlots]atomic.Pointer[answer]
}

// NewCache returns an empty Cache with a seed of its own.
func NewCache() *Cache { return &Cache{seed: maphash.MakeSeed()} }

// answer is one entry of a Cache.
type answer struct {
	acceptLanguage string
	index          int
}

// slot returns the slot of acceptLanguage.
func (c *Cache) slot(acceptLanguage string) *atomic.Pointer[answer] {
	return &c.slots[maphash.String(c.seed, acceptLanguage)%cacheSlots]
}

// Get returns the cached index for acceptLanguage.
func (c *Cache) Get(acceptLanguage string) (int, bool) {
	if a := c.slot(acceptLanguage).Load(); a != nil && a.acceptLanguage == acceptLanguage {
		return a.index, true
	}
	return 0, false
}

// Put caches index for acceptLanguage, in place of the value in its slot.
func (c *Cache) Put(acceptLanguage string, index int) {
	// A copy of the key: the value may be a slice of a larger buffer that the cache must not keep alive.
	c.slot(acceptLanguage).Store(&answer{acceptLanguage: strings.Clone(acceptLanguage), index: index})
}
