// Buy, track and release Aculab Cloud inbound telephone numbers as code: single numbers and blocks of numbers, geographic, national, mobile and toll-free, with data functions for where numbers can be bought.
package aculab
