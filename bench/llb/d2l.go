// d2l — the harness behind docs/llb.md: BuildKit's own Dockerfile → LLB conversion
// (frontend/dockerfile/dockerfile2llb), in process and timed; writes llb.pb (the pb.Definition
// `buildctl build` reads on stdin) and image-config.json (for the exporter's
// containerimage.config). Not part of the build or the tests.
//
// Build it in the GOPATH that scripts/e2e/buildkit-compile.sh unpacks (6 s with its Go cache):
//
//	W=~/.cache/microb-e2e/buildkit/work
//	GOROOT=$W/go/usr/lib/go-1.26 GOPATH=$W/gp/usr/share/gocode PATH=$W/go/usr/lib/go-1.26/bin:$PATH \
//	GO111MODULE=off GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOCACHE=$W/gocache CGO_ENABLED=0 \
//	go build -trimpath -tags "osusergo netgo static_build seccomp" -o d2l .
//
// Run: ./d2l Dockerfile RUNS [REF CONFIG.json MANIFEST-DIGEST]...  (one triple per FROM image:
// the image config and index digest, e.g. fetched from a local registry; no network is used)
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
)

type fixed map[string][]byte // ref -> image config JSON

var digests = map[string]string{}

func (f fixed) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	dt, ok := f[ref]
	if !ok {
		return "", "", nil, fmt.Errorf("no config for %s", ref)
	}
	return ref, digest.Digest(digests[ref]), dt, nil
}

func main() {
	ctx := context.Background()
	df, _ := os.ReadFile(os.Args[1])
	n, _ := strconv.Atoi(os.Args[2])
	res := fixed{}
	for i := 3; i+2 < len(os.Args); i += 3 {
		dt, err := os.ReadFile(os.Args[i+1])
		if err != nil {
			panic(err)
		}
		res[os.Args[i]] = dt
		digests[os.Args[i]] = os.Args[i+2]
	}
	var st *llb.State
	var img any
	start := time.Now()
	for i := 0; i < n; i++ {
		s, im, _, _, err := dockerfile2llb.Dockerfile2LLB(ctx, df, dockerfile2llb.ConvertOpt{
			Config:       dockerui.Config{BuildArgs: map[string]string{}},
			MetaResolver: res,
		})
		if err != nil {
			panic(err)
		}
		st, img = s, im
	}
	conv := time.Since(start) / time.Duration(n)
	start = time.Now()
	def, err := st.Marshal(ctx, llb.LinuxAmd64)
	if err != nil {
		panic(err)
	}
	pbdef := def.ToPB()
	out, err := pbdef.Marshal()
	if err != nil {
		panic(err)
	}
	mar := time.Since(start)
	counts := map[string]int{}
	for _, dt := range pbdef.Def {
		var op pb.Op
		if err := op.Unmarshal(dt); err != nil {
			panic(err)
		}
		switch op.Op.(type) {
		case *pb.Op_Exec:
			counts["exec"]++
		case *pb.Op_Source:
			counts["source"]++
		case *pb.Op_File:
			counts["file"]++
		case *pb.Op_Merge:
			counts["merge"]++
		case *pb.Op_Diff:
			counts["diff"]++
		default:
			counts["other"]++
		}
	}
	cfg, _ := json.Marshal(img)
	_ = os.WriteFile("llb.pb", out, 0o644)
	_ = os.WriteFile("image-config.json", cfg, 0o644)
	fmt.Fprintf(os.Stderr, "convert %v per run (n=%d), marshal %v, %d ops %v, %d bytes of pb.Definition, image config %d bytes\n",
		conv, n, mar, len(pbdef.Def), counts, len(out), len(cfg))
}
