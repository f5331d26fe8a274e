package pool

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunBoundsWorkersAndSerialisesDone(t *testing.T) {
	var running, most, calls atomic.Int32
	inDone := false
	err := Run(context.Background(), 50, 3, func(_ context.Context, i int) error {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(time.Millisecond)
		running.Add(-1)
		return nil
	}, func(i int, err error) error {
		if inDone {
			t.Error("done called while another call runs")
		}
		inDone = true
		calls.Add(1)
		inDone = false
		return err
	})
	if err != nil || calls.Load() != 50 {
		t.Fatalf("err %v, %d done calls, want nil and 50", err, calls.Load())
	}
	if most.Load() > 3 || most.Load() < 2 {
		t.Errorf("%d jobs ran at once, want 2 or 3 of a limit of 3", most.Load())
	}
}

func TestRunStopsAtTheFirstFailure(t *testing.T) {
	boom := errors.New("boom")
	var started atomic.Int32
	err := Run(context.Background(), 1000, 2, func(ctx context.Context, i int) error {
		started.Add(1)
		if i == 5 {
			return boom
		}
		time.Sleep(time.Millisecond)
		return nil
	}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	if started.Load() > 20 {
		t.Errorf("%d jobs started after the failure at job 5", started.Load())
	}
}

func TestRunHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int32
	err := Run(ctx, 1000, 2, func(ctx context.Context, i int) error {
		if started.Add(1) == 10 {
			cancel()
		}
		time.Sleep(time.Millisecond)
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if started.Load() > 20 {
		t.Errorf("%d jobs started after cancellation at 10", started.Load())
	}
}
