/**
 * Curation: from stored evidence (shots, every face box, per-frame motion) to clip proposals, with a recorded
 * reason for every frame, and the policy that keeps a person's decisions apart from automatic results. Pure Java
 * over {@code org.anivid.core}; see {@link org.anivid.curate.Curator} for the rules.
 */
package org.anivid.curate;
