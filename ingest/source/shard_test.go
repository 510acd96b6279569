package source

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    Shard
		wantErr bool
	}{
		{"", Shard{}, false},
		{"1/4", Shard{1, 4}, false},
		{" 4/4 ", Shard{4, 4}, false},
		{"1/1", Shard{1, 1}, false},
		{"0/4", Shard{}, true},
		{"5/4", Shard{}, true},
		{"1/0", Shard{}, true},
		{"a/4", Shard{}, true},
		{"2", Shard{}, true},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// Every article belongs to exactly one of N shards, always the same one,
// and the shards share the work out roughly evenly.
func TestShardsPartitionTheArticles(t *testing.T) {
	const n, articles = 4, 2000
	counts := make([]int, n)
	for i := 0; i < articles; i++ {
		id := fmt.Sprintf("/data/articles/2024/%04d.txt", i)
		owners := 0
		for k := 1; k <= n; k++ {
			s := Shard{Index: k, Count: n}
			if s.Contains(id) {
				owners++
				counts[k-1]++
				if !s.Contains(id) {
					t.Fatalf("shard %v is not deterministic for %s", s, id)
				}
			}
		}
		if owners != 1 {
			t.Fatalf("%s belongs to %d shards, want exactly 1", id, owners)
		}
	}
	for k, c := range counts {
		if c < articles/n/2 || c > articles/n*2 {
			t.Errorf("shard %d/%d got %d of %d articles: badly uneven %v", k+1, n, c, articles, counts)
		}
	}
	if !(Shard{}).Contains("anything") {
		t.Error("the zero Shard must take everything")
	}
}

func ExampleParseShard() {
	s, err := ParseShard("2/4")
	fmt.Println(s.Index, s.Count, err)
	// Output: 2 4 <nil>
}

func ExampleShard_Contains() {
	owners := 0
	for k := 1; k <= 4; k++ {
		if (Shard{Index: k, Count: 4}).Contains("/data/articles/a.txt") {
			owners++
		}
	}
	fmt.Println("shards holding the article:", owners)
	// Output: shards holding the article: 1
}
