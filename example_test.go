package ras_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/winras/ras"
)

func ExampleConnections() {
	conns, err := ras.Connections()
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range conns {
		fmt.Println(c.Handle, c.Name(), c.DeviceType, c.DeviceName)
	}
}

func ExampleStatus() {
	conns, err := ras.Connections()
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range conns {
		st, err := ras.Status(c.Handle)
		if errors.Is(err, ras.ErrConnectionGone) {
			continue // it ended since it was listed
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.Name(), st.State, st.RemoteEndpoint)
		if st.Err != nil {
			fmt.Println("  the connection failed:", st.Err)
		}
	}
}

func ExampleHangUp() {
	conns, err := ras.Connections()
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range conns {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := ras.HangUp(ctx, c.Handle)
		cancel()
		switch {
		case errors.Is(err, ras.ErrConnectionGone):
			fmt.Println(c.Name(), "had already ended")
		case errors.Is(err, ras.ErrHangUpTimeout):
			fmt.Println(c.Name(), "is still ending:", err)
		case err != nil:
			log.Fatal(err)
		}
	}
}

func ExampleWatcher() {
	w, err := ras.NewWatcher()
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	for {
		select {
		case e, ok := <-w.Events:
			if !ok {
				return
			}
			fmt.Println(e.Op, e.Conn.Handle, e.Conn.Name())
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			log.Println(err) // errors.Is(err, ras.ErrNotifyUnavailable): it re-checks instead
		}
	}
}
