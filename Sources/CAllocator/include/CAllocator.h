#ifndef PRIORCUT_CALLOCATOR_H
#define PRIORCUT_CALLOCATOR_H

/// Makes glibc's allocator keep freed blocks of up to `mmap_threshold` bytes in the heap for reuse, and give heap
/// memory back to the system only beyond `trim_threshold` free bytes at its top (mallopt M_MMAP_THRESHOLD and
/// M_TRIM_THRESHOLD). Returns 1 when both settings were accepted, 0 otherwise (or off glibc).
int priorcut_keep_freed_memory(int mmap_threshold, int trim_threshold);

#endif
