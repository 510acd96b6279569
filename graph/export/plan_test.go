package export

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// operators lists the operators of a query plan.
func operators(p neo4j.Plan) []string {
	if p == nil {
		return nil
	}
	out := []string{p.Operator()}
	for _, c := range p.Children() {
		out = append(out, operators(c)...)
	}
	return out
}

// The ego network must be found breadth-first, visiting each node once:
// an exhaustive path expansion grows exponentially with the depth.
func TestEgoNetworkExpandsBreadthFirstWithPruning(t *testing.T) {
	store := graphtest.Open(t)
	ctx := context.Background()
	selections := []Selection{
		{Entity: "x", Depth: 3},
		{Entity: "x", Depth: 2, RelTypes: []string{"MET"}, Statuses: []string{"held"},
			From: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), Articles: []string{"a"}},
	}
	for _, sel := range selections {
		r := &resolved{Selection: sel, seed: "4:00000000-0000-0000-0000-000000000000:0", articleIDs: []string{"a"}}
		for name, q := range map[string]string{"nodes": r.nodeQuery(), "relationships": r.relQuery()} {
			sess := store.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: store.Database(), AccessMode: neo4j.AccessModeRead})
			res, err := sess.Run(ctx, "EXPLAIN "+q, r.params())
			if err != nil {
				t.Fatalf("%s of %s: %v", name, sel, err)
			}
			sum, err := res.Consume(ctx)
			sess.Close(ctx)
			if err != nil {
				t.Fatalf("%s of %s: %v", name, sel, err)
			}
			ops := operators(sum.Plan())
			found := false
			for _, op := range ops {
				found = found || strings.HasPrefix(op, "VarLengthExpand(Pruning")
			}
			if !found {
				t.Errorf("%s of %s: no pruning variable-length expand in the plan %v", name, sel, ops)
			}
		}
	}
}

func TestQueriesTakeValuesOnlyAsParameters(t *testing.T) {
	hostile := `x' }) MATCH (n) DETACH DELETE n //`
	r := &resolved{
		Selection:  Selection{Entity: hostile, Depth: 1, RelTypes: []string{hostile}, Statuses: []string{"held"}, Articles: []string{hostile}},
		seed:       hostile,
		articleIDs: []string{hostile},
	}
	for _, q := range []string{r.nodeQuery(), r.relQuery()} {
		if strings.Contains(q, hostile) || strings.Contains(q, "DETACH") {
			t.Errorf("a user value reached the query text:\n%s", q)
		}
	}
	p := r.params()
	if p["seed"] != hostile || p["types"].([]string)[0] != hostile || p["articleIds"].([]string)[0] != hostile {
		t.Errorf("the values must travel as parameters: %v", p)
	}
}
