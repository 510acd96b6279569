package source

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one worker's share of the articles: worker Index of Count
// (1-based) takes the articles whose identity hashes to it, so that
// several workers can share a large source without doing anything twice.
// The zero Shard takes everything.
type Shard struct {
	Index, Count int
}

// ParseShard reads "K/N" (worker K of N, 1 <= K <= N). An empty string is
// the zero Shard.
func ParseShard(s string) (Shard, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Shard{}, nil
	}
	k, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(strings.TrimSpace(k))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 1 <= K <= N, e.g. 1/4", s)
	}
	return Shard{Index: index, Count: count}, nil
}

// Contains reports whether the article with this identity (its Source) is
// this worker's. The hash is FNV-1a, fixed, so that every worker and every
// pass agree.
func (s Shard) Contains(identity string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(identity))
	return int(h.Sum64()%uint64(s.Count)) == s.Index-1
}

// IsZero reports whether the shard takes everything.
func (s Shard) IsZero() bool { return s.Count <= 1 }

// String returns "K/N", or "" for the zero Shard.
func (s Shard) String() string {
	if s.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}
