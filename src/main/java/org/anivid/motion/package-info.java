/**
 * Motion scoring compatible with DVR-Scan, the tool the AniVid paper used (DESIGN.md §5), plus per-shot statistics
 * and optional camera-motion compensation for anime pans.
 *
 * <h2>What is matched in DVR-Scan (Breakthrough/DVR-Scan, BSD-2)</h2>
 * <ul>
 *   <li>{@code dvr_scan/subtractor.py} {@code SubtractorMOG2}:
 *       {@code cv2.createBackgroundSubtractorMOG2(history=500, varThreshold=16, detectShadows=False)}, shadow value 0, {@code apply(gray, learningRate=-1)} on
 *       {@code cv2.cvtColor(frame, COLOR_BGR2GRAY)}, then {@code cv2.morphologyEx(mask, MORPH_OPEN,
 *       numpy.ones((k, k)))} — a square kernel of ones (not an ellipse), skipped for k of 0 or 1;</li>
 *   <li>{@code dvr_scan/scanner.py} {@code _recommended_kernel_size}: 7 when width / downscale ≥ 1920, 5 when
 *       ≥ 1280, else 3, from the whole frame's width even with a region; {@code _scale_kernel_size}: round(k / factor),
 *       minus one when even, at least 3;</li>
 *   <li>{@code dvr_scan/detector.py} {@code MotionDetector}: regions are {@code fillPoly(LINE_4)} masks; the frame
 *       is cropped to the regions' bounding box {@code frame[min_y:max_y, min_x:max_x]} (max corner excluded)
 *       <em>before</em> background subtraction, so MOG2 and the opening see only the crop; the score is
 *       {@code np.ma.sum(mask) / np.ma.count(mask)}, the mean over the polygon's pixels (the whole crop for a
 *       rectangle); without a region, {@code np.average} of the whole mask. {@code region.py bound_point} clamps
 *       points to 0..width/height;</li>
 *   <li>{@code scanner.py MotionScanner.scan}: a score ≥ {@code max_threshold} 255 becomes 0; the first frame never
 *       counts (v1.6 sets its score to 0); the event state machine with {@code frame_skip = 0} — see
 *       {@link org.anivid.motion.EventTracker}; defaults {@code min_event_len 0.1s}, {@code time_pre_event 1.5s},
 *       {@code time_post_event 2s} turned into frames by PySceneDetect's {@code FrameTimecode} (Python round);
 *       reported end = last frame with motion + 1 + post-event frames, or the number of frames read when the video
 *       ends inside an event;</li>
 *   <li>conformance: {@code tests/test_scan_context.py} — traffic_camera.mp4, region [631, 532, 210, 127],
 *       min_event_len 4, time_pre_event 0 → (9, 149), (358, 491), (542, 576); with time_pre_event 6 →
 *       (3, 149), (352, 491), (536, 576); with time_post_event 40 → (9, 139), (358, 481), (542, 576). All three
 *       are reproduced exactly ({@code TrafficCameraConformanceTest}).</li>
 * </ul>
 *
 * <h2>Where we differ on purpose</h2>
 * Frames come from our FFmpeg decoder ({@code FrameSource}), converted with the stream's own colour matrix, not
 * from {@code cv2.VideoCapture}; {@code --downscale-factor} shrinks by area averaging instead of DVR-Scan's pixel
 * skipping; a background model can restart at cuts ({@link org.anivid.motion.MotionScorer#cut}); camera-motion
 * compensation and a fixed learning rate are options (off in {@link org.anivid.motion.MotionOptions#dvrScan()}).
 */
package org.anivid.motion;
