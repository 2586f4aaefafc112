module github.com/fatlh/color

go 1.22
