package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cypher"
)

// QueryOptions are the settings of "newsgraph query".
type QueryOptions struct {
	IO      IO
	Factory *Factory
	Query   string   // a named query or Cypher text
	File    string   // a Cypher script to run, statement by statement
	Params  []string // k=v (string) or k:=JSON
	Write   bool
	Format  string
	List    bool
}

// NewCmdQuery returns "newsgraph query".
func NewCmdQuery(f *Factory, runF func(context.Context, *QueryOptions) error) *cobra.Command {
	opts := &QueryOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "query NAME|CYPHER",
		Short: "Run a named query shipped with newsgraph (see --list) or a Cypher statement",
		Long: `Query runs a named query from cypher/queries or a Cypher statement, read-only unless --write.
Parameters: --param name=value passes a string, --param name:=JSON a typed value (number, list, ...).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Query = args[0]
			}
			if !opts.List && opts.Query == "" && opts.File == "" {
				return usagef("newsgraph query NAME|CYPHER, --file FILE or --list")
			}
			switch opts.Format {
			case "table", "json", "csv":
			default:
				return usagef("--format must be table, json or csv, not %q", opts.Format)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runQuery(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Params, "param", "p", nil, "query parameter name=value, or name:=JSON")
	cmd.Flags().BoolVar(&opts.Write, "write", false, "allow the query to write")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output format: table, json or csv")
	cmd.Flags().BoolVar(&opts.List, "list", false, "list the named queries")
	cmd.Flags().StringVar(&opts.File, "file", "", "run the statements of a Cypher script (such as an export)")
	return cmd
}

// ParseParams turns name=value and name:=JSON arguments into query parameters.
func ParseParams(args []string) (map[string]any, error) {
	out := map[string]any{}
	for _, a := range args {
		if k, v, ok := strings.Cut(a, ":="); ok && !strings.Contains(k, "=") {
			dec := json.NewDecoder(strings.NewReader(v))
			dec.UseNumber() // 9007199254740993 stays 9007199254740993, not the nearest float
			var x any
			if err := dec.Decode(&x); err != nil {
				return nil, usagef("--param %s:=%s: not JSON: %v", k, v, err)
			}
			if dec.More() {
				return nil, usagef("--param %s:=%s: more than one JSON value", k, v)
			}
			out[k] = exactNumbers(x)
			continue
		}
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, usagef("--param takes name=value or name:=JSON, not %q", a)
		}
		out[k] = v
	}
	return out, nil
}

// exactNumbers turns JSON numbers into int64 where they are integers that fit, float64 otherwise, in
// nested lists and maps too.
func exactNumbers(x any) any {
	switch v := x.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = exactNumbers(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = exactNumbers(v[k])
		}
	}
	return x
}

func runQuery(ctx context.Context, opts *QueryOptions) error {
	if opts.List {
		tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
		for _, q := range cypher.NamedQueries() {
			params := ""
			if len(q.Params) > 0 {
				params = "(" + strings.Join(q.Params, ", ") + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", q.Name, params, q.Description)
		}
		return tw.Flush()
	}
	params, err := ParseParams(opts.Params)
	if err != nil {
		return err
	}
	var stmts []string
	switch {
	case opts.File != "":
		f, err := os.Open(opts.File)
		if err != nil {
			return err
		}
		stmts, err = cypher.ReadScript(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("read %s: %w", opts.File, err)
		}
	default:
		if q, ok := cypher.Lookup(opts.Query); ok {
			var missing []string
			for _, p := range q.Params {
				if _, set := params[p]; !set {
					if !slices.Contains(q.Optional, p) {
						missing = append(missing, "-p "+p+"=...")
					}
					params[p] = nil
				}
			}
			if len(missing) > 0 {
				return usagef("the query %s needs %s", q.Name, strings.Join(missing, " "))
			}
			stmts = []string{q.Text}
		} else if !strings.ContainsAny(opts.Query, " \n(") {
			return fmt.Errorf("no named query %q; newsgraph query --list shows them", opts.Query)
		} else {
			stmts = []string{opts.Query}
		}
	}
	c, err := cypher.Open(ctx, opts.Factory.Neo4jConfig())
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	var last *cypher.Rows
	for i, s := range stmts {
		rows, err := c.Run(ctx, s, params, opts.Write)
		if err != nil {
			if len(stmts) > 1 {
				return fmt.Errorf("%s: statement %d of %d: %w", opts.File, i+1, len(stmts), err)
			}
			return err
		}
		last = rows
	}
	if len(stmts) > 1 {
		fmt.Fprintf(opts.IO.Out, "ran %d statements from %s\n", len(stmts), opts.File)
		return nil
	}
	return printRows(opts.IO.Out, last, opts.Format)
}

func printRows(w io.Writer, r *cypher.Rows, format string) error {
	switch format {
	case "json":
		var out []map[string]any
		for _, row := range r.Rows {
			m := map[string]any{}
			for i, c := range r.Columns {
				m[c] = row[i]
			}
			out = append(out, m)
		}
		if out == nil {
			out = []map[string]any{}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write(r.Columns)
		for _, row := range r.Rows {
			rec := make([]string, len(row))
			for i, v := range row {
				rec[i] = cellText(v)
			}
			_ = cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(r.Columns, "\t"))
	for _, row := range r.Rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = strings.ReplaceAll(cellText(v), "\t", " ")
			if len(rec[i]) > 120 {
				rec[i] = rec[i][:117] + "..."
			}
		}
		fmt.Fprintln(tw, strings.Join(rec, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(%d rows)\n", len(r.Rows))
	return nil
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.ReplaceAll(x, "\n", " ")
	case []any, map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}
