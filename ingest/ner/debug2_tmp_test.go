package ner

import (
	"fmt"
	"strings"
	"testing"
)

func TestDebugModes(t *testing.T) {
	docs, _ := ReadCoNLLFile(sharedData + "/conll2003/eng.train")
	cnt := map[uint8]int{}
	shown := 0
	for _, d := range docs {
		for _, s := range d.Sentences {
			ti := make([]tokInfo, len(s.Tokens))
			for i, w := range s.Tokens {
				ti[i] = newTokInfo(w)
			}
			m := sentenceMode(ti)
			cnt[m]++
			if m == modeTitle && shown < 15 {
				shown++
				fmt.Println(strings.Join(s.Tokens, " "))
			}
		}
	}
	fmt.Println(cnt)
}
