package faults

import (
	"time"

	"atlasri/app/install"
)

func importRequest(name string, data []byte) install.Request {
	return install.Request{Name: name, Data: data, Now: time.Date(2027, 1, 20, 10, 0, 0, 0, time.UTC)}
}
