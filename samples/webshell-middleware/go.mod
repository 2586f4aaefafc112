module github.com/gin-contrlb/requestid

go 1.22
