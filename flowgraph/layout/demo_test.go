package layout

import (
	"fmt"
	"strings"
	"testing"
)

func TestDemo(t *testing.T) {
	l := Compute(flowLike(10000, 1))
	b := l.Box(5000)
	fmt.Println(strings.Join(l.RenderRect(Rect{b.X - 70, b.Y - 25, 150, 50}, RenderOptions{}), "\n"))
	g := flowLike(10000, 1)
	sub, m := Neighbourhood(g, 5000, 2)
	l2 := Compute(sub)
	fmt.Println(len(m), l2.Width, l2.Height)
	fmt.Println(strings.Join(l2.Render(RenderOptions{}), "\n"))
}
