package validate

import (
	"fmt"
	"strings"
)

// Nearest returns the candidate closest to word by edit distance (optimal
// string alignment, case-insensitive), if it is close enough to be a likely
// typo: at most a third of the word's length, and at least 1. Words or
// candidates longer than maxTypoLen are never typos of each other, which keeps
// hostile input (100,000-character ids) from costing quadratic time.
func Nearest(word string, candidates []string) (string, bool) {
	return nearest(word, candidates)
}

// maxTypoLen bounds the strings edit distances are computed for.
const maxTypoLen = 256

func nearest(word string, candidates []string) (string, bool) {
	if len(word) > maxTypoLen {
		return "", false
	}
	best, bestDist := "", -1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if c == word || c == "" || len(c) > maxTypoLen {
			continue
		}
		d := editDistance(lw, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(1, len([]rune(word))/3)
	if bestDist < 0 || bestDist > limit {
		return "", false
	}
	return best, true
}

// didYouMean phrases nearest as a hint, or "" when nothing is close.
func didYouMean(word string, candidates []string) string {
	if n, ok := nearest(word, candidates); ok {
		return fmt.Sprintf("did you mean %q?", n)
	}
	return ""
}

// editDistance counts insertions, deletions, substitutions and transpositions of
// adjacent characters between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
