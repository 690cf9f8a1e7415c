package org.anivid.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.anivid.core.InvalidInputException;

/**
 * {@code export.json}: what makes a folder an AniVid export and what lets the next export to it write only what
 * changed. Written last into the staging folder, so an export folder with a manifest is a complete export.
 *
 * @param format {@value #FORMAT}
 * @param options the options of the export that wrote it
 * @param clips by clip name: its fingerprint and where it lies
 * @param sources by absolute source path: the size and modification time at which its content was last found
 *     to match the library's hash, so an unchanged file is not hashed again on the next export
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExportManifest(String format, Map<String, Object> options, Map<String, Entry> clips,
                      Map<String, SourceCheck> sources) {
    static final String FILE_NAME = "export.json";
    static final String FORMAT = "anivid-export/1";

    /** JSON with sorted map keys, so the same export gives the same bytes. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    ExportManifest {
        options = options == null ? Map.of() : new TreeMap<>(options);
        clips = clips == null ? Map.of() : new TreeMap<>(clips);
        sources = sources == null ? Map.of() : new TreeMap<>(sources);
    }

    /**
     * One exported clip.
     *
     * @param fingerprint SHA-256 of everything the clip's pixels depend on (see {@link ClipPlan#fingerprint()})
     * @param path relative to the export folder: the {@code .mp4} file or the folder of {@code .png} frames
     */
    record Entry(String fingerprint, String split, String path, int frames,
                 @JsonProperty("start_seconds") double startSeconds, @JsonProperty("end_seconds") double endSeconds,
                 double fps) {
    }

    /** A source file's state when its content last matched the library's hash. */
    record SourceCheck(String sha256, long size, @JsonProperty("modified_millis") long modifiedMillis) {
    }

    /** The manifest of the export in {@code folder}, or empty when the folder has none. */
    static Optional<ExportManifest> read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            byte[] bytes = Files.readAllBytes(file);
            ExportManifest manifest = JSON.readValue(bytes, ExportManifest.class);
            if (!FORMAT.equals(manifest.format())) {
                throw new InvalidInputException(file, "not an AniVid export manifest (format '" + manifest.format()
                        + "', expected '" + FORMAT + "')");
            }
            return Optional.of(manifest);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException(file, "unreadable export manifest (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); move the folder away or choose another --out");
        }
    }

    String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the export manifest", e);
        }
    }
}
