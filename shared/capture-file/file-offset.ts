/**
 * The starting value of a field that holds a byte position in a capture file. Files over 2 GiB have positions
 * past 2^31, which V8 no longer keeps as small integers: a field that started as one changes its representation
 * part-way through such a file, and every optimized function that used objects of that shape is thrown away and
 * compiled again (on the 2.8 GB benchmark file, ~20 of the reader's and decoder's hot functions at once). -0 is
 * a double that is 0 in every sum and comparison, so the field has its final representation from the start.
 */
export const FILE_POSITION_START = -0;
