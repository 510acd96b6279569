package cookbook_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/graph/cookbook"
)

// A recipe carries its query and the example parameters it documents; run
// it with graph.Store.Query(ctx, r.Query, r.ParamValues()), or with your own
// values for the same parameters.
func ExampleGet() {
	r, ok := cookbook.Get("did-they-meet")
	if !ok {
		return
	}
	fmt.Println(r.Title)
	for _, p := range r.Params {
		fmt.Println(p.Browser())
	}
	fmt.Println(r.ParamValues()["other"])
	// Output:
	// Did two actors meet?
	// :param name => 'Mike Pompeo'
	// :param other => 'Kim Jong Un'
	// Kim Jong Un
}

func ExampleParseLiteral() {
	v, err := cookbook.ParseLiteral(`['held', 'planned', 'denied']`)
	fmt.Println(v, err)
	// Output: [held planned denied] <nil>
}
