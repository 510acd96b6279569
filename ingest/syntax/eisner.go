package syntax

// eisner returns the highest-scoring projective tree for arc scores
// score[h][d] (h = 0 is the root; score[h][d] for d >= 1): the head of
// every word, [0] = -1. It runs in O(n^3) time (Eisner 1996).
func eisner(score [][]float32) []int32 {
	n := len(score) // words + root
	// complete[s][t][dir], incomplete[s][t][dir]; dir 0 = head at t (left arc), 1 = head at s
	type cell struct {
		v  float32
		bp int32
	}
	idx := func(s, t int) int { return s*n + t }
	comp := [2][]cell{make([]cell, n*n), make([]cell, n*n)}
	inc := [2][]cell{make([]cell, n*n), make([]cell, n*n)}
	const negInf = -1e30
	for k := 1; k < n; k++ {
		for s := 0; s+k < n; s++ {
			t := s + k
			// incomplete spans: arc t -> s (dir 0) and s -> t (dir 1)
			best, bp := float32(negInf), int32(-1)
			for r := s; r < t; r++ {
				v := comp[1][idx(s, r)].v + comp[0][idx(r+1, t)].v
				if v > best {
					best, bp = v, int32(r)
				}
			}
			if s > 0 {
				inc[0][idx(s, t)] = cell{best + score[t][s], bp}
			} else {
				inc[0][idx(s, t)] = cell{negInf, bp} // the root has no head
			}
			inc[1][idx(s, t)] = cell{best + score[s][t], bp}
			// complete spans
			best, bp = negInf, -1
			for r := s; r < t; r++ {
				v := comp[0][idx(s, r)].v + inc[0][idx(r, t)].v
				if v > best {
					best, bp = v, int32(r)
				}
			}
			comp[0][idx(s, t)] = cell{best, bp}
			best, bp = negInf, -1
			for r := s + 1; r <= t; r++ {
				v := inc[1][idx(s, r)].v + comp[1][idx(r, t)].v
				if v > best {
					best, bp = v, int32(r)
				}
			}
			comp[1][idx(s, t)] = cell{best, bp}
		}
	}
	heads := make([]int32, n)
	heads[0] = -1
	var back func(s, t int, complete bool, dir int)
	back = func(s, t int, complete bool, dir int) {
		if s == t {
			return
		}
		if complete {
			r := int(comp[dir][idx(s, t)].bp)
			if dir == 0 {
				back(s, r, true, 0)
				back(r, t, false, 0)
			} else {
				back(s, r, false, 1)
				back(r, t, true, 1)
			}
			return
		}
		r := int(inc[dir][idx(s, t)].bp)
		if dir == 0 {
			heads[s] = int32(t)
		} else {
			heads[t] = int32(s)
		}
		back(s, r, true, 1)
		back(r+1, t, true, 0)
	}
	back(0, n-1, true, 1)
	return heads
}
