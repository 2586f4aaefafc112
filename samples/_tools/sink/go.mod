module gosnare.invalid/samples/sink

go 1.22
