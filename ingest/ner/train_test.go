package ner

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tinyCoNLL builds a small synthetic training file.
func tinyCoNLL() string {
	people := [][2]string{{"John", "Smith"}, {"Mary", "Jones"}, {"Peter", "Brown"}, {"Anna", "Berg"}}
	places := []string{"Paris", "Berlin", "Madrid", "Oslo"}
	orgs := []string{"Reuters", "Siemens", "Fiat", "Nokia"}
	var b strings.Builder
	for d := 0; d < 6; d++ {
		b.WriteString("-DOCSTART- -X- O O\n\n")
		for i := 0; i < 4; i++ {
			p := people[(i+d)%4]
			b.WriteString(p[0] + " NNP I-NP I-PER\n" + p[1] + " NNP I-NP I-PER\n")
			b.WriteString("visited VBD I-VP O\n")
			b.WriteString(places[(i+2*d)%4] + " NNP I-NP I-LOC\n")
			b.WriteString("for IN I-PP O\n")
			b.WriteString(orgs[(i+d)%4] + " NNP I-NP I-ORG\n")
			b.WriteString(". . O O\n\n")
			b.WriteString("The DT I-NP O\nFrench JJ I-NP I-MISC\nnews NN I-NP O\nwas VBD I-VP O\ngood JJ I-ADJP O\n. . O O\n\n")
		}
	}
	return b.String()
}

// tinyShared writes minimal gazetteer sources in the layout of
// /work/shared/data.
func tinyShared(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"countries/countries.json": `[{"name":{"common":"France","official":"French Republic"},"altSpellings":["FR","République française"],"capital":["Paris"],"demonyms":{"eng":{"f":"French","m":"French"}}}]`,
		"geonames/cities15000.txt": "1\tOslo\tOslo\tOsloby,Kristiania\t59.9\t10.7\tP\tPPLC\tNO\t\t12\t\t\t\t580000\t\t23\tEurope/Oslo\t2020-01-01\n" +
			"2\tSão Paulo\tSao Paulo\t\t-23.5\t-46.6\tP\tPPLA\tBR\t\t27\t\t\t\t10021295\t\t760\tAmerica/Sao_Paulo\t2020-01-01\n",
		"geonames/countryInfo.txt": "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\n" +
			"NO\tNOR\t578\tNO\tNorway\tOslo\t324220\t5314336\tEU\n",
		"geonames/regionInfo.tsv":                "#region_code\tname\tname_ascii\tgeoname_id\nNO.12\tØstfold\tOstfold\t1\n",
		"cameo/Phoenix.Countries.actors.txt":     "# comment\nNORWAY_  [NOR]\n+NORWEGIAN_\n+OSLO_\n\nJENS_STOLTENBERG_  # CountryInfo.txt\n+PRIME_MINISTER_STOLTENBERG_\n\t[NORGOV 050101-131016]\n\nNORWEGIAN_PARLIAMENT_\n+STORTING_\n\t[NORLEG]\n",
		"cameo/Phoenix.International.actors.txt": "UNITED_NATIONS_ [IGOUNO]\n+UN_\n",
		"cameo/Phoenix.MilNonState.actors.txt":   "RED_ARMY_FACTION_ [DEUREB] # x\n",
		"cameo/Phoenix.agents.txt":               "!PERSON! = MAN, MEN\nMINISTER [~GOV]\nCATTLE!PERSON! [~AGR]\nPRIME_MINISTER [~GOV]\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBuildGazetteer(t *testing.T) {
	g, err := buildGazetteer(tinyShared(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		phrase string
		cat    int
		want   bool
	}{
		{"france", gCountry, true},
		{"french republic", gCountry, true},
		{"paris", gCapital, true},
		{"french", gDemonym, true},
		{"oslo", gCity, true},
		{"kristiania", gCityAlt, true},
		{"sao paulo", gCity, true},
		{"são paulo", gCity, true},
		{"norway", gCountry, true},
		{"ostfold", gRegion, true},
		{"norwegian", gCameoCountry, true},
		{"jens stoltenberg", gCameoPerson, true},
		{"jens", gFirstName, true},
		{"stoltenberg", gLastName, true},
		{"storting", gCameoOrg, true},
		{"united nations", gIntl, true},
		{"red army faction", gMilNonState, true},
		{"minister", gAgent, true},
		{"prime minister", gAgent, true},
		{"cattle", gAgent, false},
		{"norway", gCity, false},
	}
	for _, tt := range tests {
		h := phraseHashStart()
		for _, w := range strings.Split(tt.phrase, " ") {
			h = h.str(w)
		}
		v, _ := g.get(uint64(h))
		got := v&(1<<tt.cat) != 0
		if got != tt.want {
			t.Errorf("%q in category %d = %v, want %v", tt.phrase, tt.cat, got, tt.want)
		}
	}
}

func TestGazetteerAnnotate(t *testing.T) {
	g := newGazetteer([]gazEntry{
		{"new york", 1 << gCity},
		{"new york city", 1 << gCity},
		{"in", 1 << gCountry},
		{"minister", 1 << gAgent},
	})
	ti := []tokInfo{newTokInfo("the"), newTokInfo("minister"), newTokInfo("in"), newTokInfo("New"), newTokInfo("York"), newTokInfo("City")}
	g.annotate(ti)
	city := uint32(1 << gCity)
	want := [][4]uint32{{}, {0, 0, 0, 1 << gAgent}, {}, {city, 0, 0, 0}, {0, city, city, 0}, {0, 0, city, 0}}
	for i := range ti {
		if ti[i].gaz != want[i] {
			t.Errorf("token %d %q: gaz %v, want %v", i, ti[i].norm, ti[i].gaz, want[i])
		}
	}
}

func TestTrainTiny(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.train")
	if err := os.WriteFile(path, []byte(tinyCoNLL()), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	m, err := Train(TrainOptions{TrainPath: path, DevPath: path, SharedDataDir: tinyShared(t), Iterations: 3, Folds: 2, Seed: 7}, &log)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.stages) != 2 {
		t.Fatalf("got %d stages, want 2", len(m.stages))
	}
	if !strings.Contains(log.String(), "dev F1") {
		t.Errorf("progress lacks dev F1:\n%s", log.String())
	}
	s, err := EvaluateCoNLL(m, path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Overall.F1 < 0.9 {
		t.Errorf("training-set F1 = %.3f, want >= 0.9", s.Overall.F1)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{strings.Fields("Mary Smith visited Oslo for Fiat .")}
	if a, b := m.TagDocument(doc), m2.TagDocument(doc); !reflect.DeepEqual(a, b) {
		t.Errorf("saved model differs: %v vs %v", a, b)
	}

	// Single-stage training.
	m1, err := Train(TrainOptions{TrainPath: path, Iterations: 2, NoStage2: true, TitleCopies: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m1.stages) != 1 {
		t.Errorf("NoStage2: got %d stages", len(m1.stages))
	}
}

func TestTrainErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("-DOCSTART- -X- O O\n\n"), 0o644)
	if _, err := Train(TrainOptions{TrainPath: empty}, nil); !errors.Is(err, ErrNoTrainingData) {
		t.Errorf("empty training file: err = %v, want ErrNoTrainingData", err)
	}
	bad := filepath.Join(dir, "bad")
	os.WriteFile(bad, []byte("EU NNP I-NP I-XYZ\n"), 0o644)
	if _, err := Train(TrainOptions{TrainPath: bad}, nil); !errors.Is(err, ErrMalformedCoNLL) {
		t.Errorf("bad training file: err = %v, want ErrMalformedCoNLL", err)
	}
	if _, err := Train(TrainOptions{TrainPath: filepath.Join(dir, "tiny"), SharedDataDir: dir}, nil); err == nil {
		t.Error("missing training file: want error")
	}
}

func TestTitleCopies(t *testing.T) {
	docs := []Document{{Sentences: []Sentence{
		{Tokens: strings.Fields("Mike Pompeo met the leader of North Korea ."), Labels: []string{"B-PER", "I-PER", "O", "O", "O", "O", "B-LOC", "I-LOC", "O"}},
		{Tokens: strings.Fields("SOCCER - JAPAN WIN"), Labels: []string{"O", "O", "B-LOC", "O"}},
	}}}
	if n := addTitleCopies(docs, 2, rngForTest()); n != 1 {
		t.Fatalf("added %d copies, want 1", n)
	}
	got := docs[0].Sentences[2]
	if got.Tokens[2] != "Met" || got.Tokens[4] != "Leader" || got.Tokens[1] != "Pompeo" {
		t.Errorf("title copy = %v", got.Tokens)
	}
	ti := make([]tokInfo, len(got.Tokens))
	for i, w := range got.Tokens {
		ti[i] = newTokInfo(w)
	}
	if m := sentenceMode(ti); m != modeTitle {
		t.Errorf("mode of %v = %d, want title", got.Tokens, m)
	}
	if !reflect.DeepEqual(got.Labels, docs[0].Sentences[0].Labels) {
		t.Errorf("labels changed: %v", got.Labels)
	}
}
