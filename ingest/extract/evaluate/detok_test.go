package evaluate

import "testing"

func TestDetokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pyongyang 's program , six - party talks .", "Pyongyang's program, six-party talks."},
		{"He said `` no '' and left ( quickly ) .", "He said “no” and left (quickly)."},
		{"I do n't know ; it 's 5 % .", "I don't know; it's 5%."},
		// Treebank text writes a dash as "--" and splits hyphens as " - ".
		{"A clause -- and a well - known name .", "A clause -- and a well-known name."},
	}
	for _, tc := range tests {
		got, toNew := Detokenize(tc.in)
		if got != tc.want {
			t.Errorf("Detokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// every word keeps its text under the offset map
		in, out := []rune(tc.in), []rune(got)
		for i := 0; i < len(in); i++ {
			if in[i] >= 'a' && in[i] <= 'z' && out[toNew[i]] != in[i] {
				t.Errorf("%q: offset %d (%c) maps to %d (%c)", tc.in, i, in[i], toNew[i], out[toNew[i]])
			}
		}
		if toNew[len(in)] != len(out) {
			t.Errorf("%q: end maps to %d, want %d", tc.in, toNew[len(in)], len(out))
		}
	}
}
