/**
 * FOMM training data: {@link org.anivid.fomm.data.FommDataset} opens a folder in the official layout
 * ({@code train/}, {@code test/}, one video file or frame folder per clip — what {@code ./anivid export} writes),
 * {@link org.anivid.fomm.data.FommDataLoader} turns it into {@link org.anivid.fomm.data.TrainingBatch}es the way
 * the official {@code FramesDataset} + {@code DatasetRepeater} + {@code DataLoader(shuffle=True, drop_last=True)}
 * do (two random frames of one clip per sample, id sampling, the official augmentation), decoded on background
 * threads, deterministic for a seed and resumable at any batch; {@link org.anivid.fomm.data.ClipFrames} reads
 * every frame of one clip for evaluation and previews.
 */
package org.anivid.fomm.data;
