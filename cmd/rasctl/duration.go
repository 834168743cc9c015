package main

import (
	"fmt"
	"strconv"
	"time"
)

// durationFlag is a flag.Value for a time.Duration whose error, for a number given without a
// unit ("--timeout 5"), says to add one: time.ParseDuration says only "missing unit".
type durationFlag time.Duration

func (d *durationFlag) String() string { return time.Duration(*d).String() }

func (d *durationFlag) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err == nil {
		*d = durationFlag(v)
		return nil
	}
	if _, numErr := strconv.ParseFloat(s, 64); numErr == nil {
		return fmt.Errorf("a duration needs a unit: %ss, or %sms", s, s)
	}
	return fmt.Errorf("not a duration, as \"500ms\" or \"10s\"")
}
