package cypher

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Read mode promises that a query changes nothing anywhere: not the graph, which Neo4j's read access
// mode guards, and not the server's files, its network or other sessions, which it does not (APOC can
// write files from a read transaction, LOAD CSV reads them, TERMINATE TRANSACTIONS ends another
// session's work). Before a read-mode query runs, its plan (EXPLAIN) is checked: no LOAD CSV, no
// procedure outside readProcedures, no function that runs Cypher or reaches files or the network. A
// statement that cannot be planned as a query (administration commands) is refused.

// readProcedures are the procedures read mode allows, by name or by prefix ending in a dot.
var readProcedures = []string{
	"db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships", "db.labels", "db.relationshipTypes",
	"db.propertyKeys", "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
	"db.info", "db.ping", "dbms.components", "apoc.meta.schema", "apoc.meta.stats", "apoc.meta.data",
	"apoc.meta.graph", "apoc.meta.subGraph", "apoc.path.", "apoc.neighbors.", "apoc.help", "apoc.algo.",
	"apoc.stats.degrees", "apoc.nodes.get", "apoc.coll.", "apoc.text.", "apoc.map.",
}

// unsafeCalls are procedure and function prefixes that touch files, the network or run Cypher of their
// own, refused wherever they appear in a read-mode plan.
var unsafeCalls = []string{"apoc.load.", "apoc.import.", "apoc.export.", "apoc.cypher.", "apoc.periodic.",
	"apoc.trigger.", "apoc.systemdb.", "apoc.log.", "apoc.static.", "apoc.custom.", "apoc.util.", "apoc.do.",
	"apoc.graph.fromCypher", "apoc.when", "apoc.case", "apoc.refactor.", "apoc.create.", "apoc.merge.",
	"apoc.lock.", "apoc.atomic.", "apoc.schema.assert", "dbms.", "db.create", "db.clearQueryCaches"}

// adminOperators begin the plan operators of administration commands that change something: ending
// other sessions' work, schema, users, databases, settings. SHOW commands only read, and may run.
var adminOperators = []string{"Terminate", "Create", "Drop", "Alter", "Rename", "Grant", "Deny", "Revoke",
	"Start", "Stop", "Enable", "Set", "DoNothingIf", "Assert", "EnsureValid", "Wait"}

// graphWrites are the plan operators that write the graph.
var graphWrites = map[string]bool{"Create": true, "Merge": true, "LockingMerge": true, "Delete": true, "DetachDelete": true,
	"SetProperty": true, "SetProperties": true, "SetLabels": true, "SetNodeProperty": true, "SetNodeProperties": true,
	"SetNodePropertiesFromMap": true, "SetRelationshipProperty": true, "SetRelationshipProperties": true,
	"SetRelationshipPropertiesFromMap": true, "SetPropertiesFromMap": true, "RemoveLabels": true, "Foreach": true,
	"TransactionForeach": true, "TransactionApply": true}

// checkReadOnly plans stmt with EXPLAIN in tx and returns an *Error of kind ReadOnly naming the first
// clause or call that read mode refuses.
func checkReadOnly(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) error {
	res, err := tx.Run(ctx, "EXPLAIN "+stmt, params)
	var sum neo4j.ResultSummary
	if err == nil {
		sum, err = res.Consume(ctx)
	}
	if err != nil {
		return &Error{Kind: ReadOnly, Msg: "read mode runs Cypher queries only, and this statement cannot be planned as one " +
			"(an administration command, or a syntax error: " + firstLine(err.Error()) + "); run it with --write if you mean it", Err: err}
	}
	if sum.Plan() == nil {
		return nil
	}
	return refuse(sum.Plan())
}

func refuse(p neo4j.Plan) error {
	op := p.Operator()
	details := fmt.Sprint(p.Arguments()["Details"])
	name, _, _ := strings.Cut(op, "@")
	if graphWrites[name] {
		return &Error{Kind: ReadOnly, Msg: "the query writes to the database; run it with --write to allow that"}
	}
	for _, admin := range adminOperators {
		if strings.HasPrefix(name, admin) {
			return &Error{Kind: ReadOnly, Msg: fmt.Sprintf("read mode refuses administration commands (%s); run it with --write if you mean it", name)}
		}
	}
	if strings.HasPrefix(op, "LoadCSV") {
		return &Error{Kind: ReadOnly, Msg: "LOAD CSV reads files or URLs on the server: read mode refuses it; run it with --write if you mean it"}
	}
	if strings.HasPrefix(op, "ProcedureCall") {
		name, _, _ := strings.Cut(details, "(")
		name = strings.TrimSpace(name)
		if !allowed(name, readProcedures) {
			return &Error{Kind: ReadOnly, Msg: fmt.Sprintf("read mode runs only read procedures, not %s; run it with --write if you mean it", name)}
		}
	}
	for _, u := range unsafeCalls {
		if strings.Contains(details, u) {
			return &Error{Kind: ReadOnly, Msg: fmt.Sprintf("read mode refuses %s*: it may touch files, the network or run Cypher of its own; run it with --write if you mean it", u)}
		}
	}
	for _, c := range p.Children() {
		if err := refuse(c); err != nil {
			return err
		}
	}
	return nil
}

func allowed(name string, list []string) bool {
	for _, a := range list {
		if name == a || strings.HasSuffix(a, ".") && strings.HasPrefix(name, a) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
