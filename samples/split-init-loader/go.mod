module github.com/sirupsen/iogrus

go 1.22
