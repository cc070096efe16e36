<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="41"/>
        <source>the issuing CA is in NTAuth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="43"/>
        <source>the issuing CA is not in NTAuth (information: its role for explicit mappings is not established)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="44"/>
        <source>no NTAuth store found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="45"/>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="24"/>
        <source>Test again: the endpoint should now answer OPTIONS with 200.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="25"/>
        <source>Add the strong value shown above to the account&apos;s altSecurityIdentities (the Fix step, or the LDIF or PowerShell command it shows). Adding keeps every existing value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="33"/>
        <source>Certificate sign-in works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="34"/>
        <source>The endpoint accepted the certificate and mapped it to the account, which holds a strong mapping for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="38"/>
        <source>No mapping for this certificate in Active Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="39"/>
        <source>IIS hands the certificate to Active Directory, which looks for an altSecurityIdentities value that names it. None of the account&apos;s values does, so the lookup fails: IIS answers 401.2, the domain controller logs event 4768 with X509N: and status 0x6, and the phone falls back to asking for a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="45"/>
        <source>The certificate is only in Published Certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="46"/>
        <source>The certificate was added to the account&apos;s Published Certificates (userCertificate). Windows does not map certificates to accounts through that attribute; only altSecurityIdentities (Name Mappings) counts. The lookup fails as if nothing were there: 401.2, and event 4768 with status 0x6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="50"/>
        <source>Published Certificates can stay as it is; it does no harm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="52"/>
        <source>Only a weak mapping: rejected since KB5014754</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="53"/>
        <source>The account maps the certificate by name only (Issuer+Subject or Subject), which is what the Name Mappings dialog writes. Under KB5014754 domain controllers reject weak mappings for certificates without the SID extension: enforcement became the default on 11 February 2025 and permanent on 9 September 2025. Microsoft&apos;s Exchange page says Exchange certificate authentication is not affected; the endpoint test in this report shows what your servers do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="59"/>
        <source>Add the strong Issuer+Serial value shown above. Keep the weak value until the test passes; remove it afterwards only if you choose to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="61"/>
        <source>On the domain controllers, look in the System log for Kerberos-Key-Distribution-Center events 39 (no strong mapping), 40 (the certificate is older than the account) and 41 (SID mismatch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="66"/>
        <source>A mapping meant for this certificate will not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="67"/>
        <source>A value names this certificate but is written so Active Directory will not match it: the evidence lists why (for example the names in reading order instead of the certificate&apos;s order, a serial not reversed, or another certificate&apos;s serial). Active Directory compares the value exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="72"/>
        <source>Once the test passes, remove the broken value if you choose to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="74"/>
        <source>Another account maps this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="75"/>
        <source>The mapping for this certificate is on a different account, so a sign-in with it is for that account, not for this mailbox&apos;s owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="77"/>
        <source>Decide which account owns the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="78"/>
        <source>Remove the mapping from the other account, then add the strong value to this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="80"/>
        <source>Two accounts map this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="81"/>
        <source>The same certificate is mapped on more than one account. The lookup is ambiguous and Windows refuses the sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="83"/>
        <source>Keep the mapping on one account only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="85"/>
        <source>The account is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="86"/>
        <source>userAccountControl has the ACCOUNTDISABLE flag: the domain controller refuses the sign-in even with a correct mapping (event 4768, status 0x12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="88"/>
        <source>Enable the account if it should sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="90"/>
        <source>The certificate is not allowed for client authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="91"/>
        <source>Its Extended Key Usage lacks Client Authentication (1.3.6.1.5.5.7.3.2): devices will not offer it and servers will not accept it for sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="93"/>
        <source>Issue a new certificate with Client Authentication, then map that one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="95"/>
        <source>The certificate has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="96"/>
        <source>Outside its validity period the server rejects it (403.17 or a TLS alert).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="97"/>
        <source>Issue a new certificate and map that one: a renewed certificate has a new serial number, so the old mapping does not match it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="100"/>
        <source>The certificate is not valid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="101"/>
        <source>Its start date is in the future, so servers reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="102"/>
        <source>Check the clocks of the issuing CA, the server and this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="104"/>
        <source>The server does not list this certificate&apos;s CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="105"/>
        <source>When IIS asks for a certificate it sends the CAs it accepts. This certificate&apos;s issuer is not among them, so phones choose no certificate and send nothing: IIS answers 403.7 or the handshake fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="108"/>
        <source>Import the issuing CA&apos;s certificate on the server: Trusted Root Certification Authorities for a root, Intermediate Certification Authorities for an issuing CA (or the Client Authentication Issuers store).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="113"/>
        <source>No certificate reached the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="114"/>
        <source>The server asked for a client certificate and got none (403.7, or a handshake failure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="116"/>
        <source>Check that the device holds the certificate with its private key and that the Exchange account on the device uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="118"/>
        <source>Compare the server&apos;s list of acceptable CAs with the certificate&apos;s issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="120"/>
        <source>The server does not trust the certificate&apos;s chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="121"/>
        <source>IIS could not build a chain to a root it trusts (403.16, 0x800B0109, or the TLS alert unknown CA). Certificates that are not self-signed in the server&apos;s Trusted Root store also cause 403.16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="124"/>
        <source>Import the root CA into the server&apos;s Trusted Root store and the issuing CA into Intermediate Certification Authorities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="126"/>
        <source>Move certificates that are not self-signed out of the Trusted Root store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="129"/>
        <source>The certificate is revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="130"/>
        <source>The server found the certificate on its CA&apos;s revocation list (403.13).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="131"/>
        <source>Issue a new certificate to the user and map that one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="133"/>
        <source>The certificate mapper denied access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="134"/>
        <source>IIS mapped the certificate but the mapping rule denies access (403.12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="135"/>
        <source>Check the site&apos;s certificate mapping rules on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="137"/>
        <source>The endpoint could not map the certificate to an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="138"/>
        <source>The server received the certificate but found no account for it (401.2). When the 401 offers password methods (WWW-Authenticate), that is the phone&apos;s password prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="141"/>
        <source>The directory findings say why the account is not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="142"/>
        <source>On the domain controller, event 4768 with X509N: and status 0x6 confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="144"/>
        <source>The server&apos;s own certificate is not trusted here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="145"/>
        <source>This computer does not trust the server&apos;s TLS certificate (or it names another host). Devices refuse it too unless they trust its issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="147"/>
        <source>Give the server&apos;s CA certificate for the test if it is private, or fix the server&apos;s certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="150"/>
        <source>The endpoint could not be tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="151"/>
        <source>The test got no HTTP answer; the evidence names the stage and the error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="152"/>
        <source>Check the URL, DNS, the firewall and the proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="154"/>
        <source>The issuing CA is not in the NTAuth store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="155"/>
        <source>Smart-card logon needs the issuing CA in the forest&apos;s NTAuth store. Whether explicit mappings used by IIS need it is not established by Microsoft&apos;s documentation: this is information, not the cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="158"/>
        <source>Only if everything else is right and sign-in still fails: publish the CA with certutil -dspublish -f &lt;CA certificate&gt; NTAuthCA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="161"/>
        <source>To verify on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="162"/>
        <source>Some settings cannot be seen from outside the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="163"/>
        <source>IIS Manager, Microsoft-Server-ActiveSync, SSL Settings: Require SSL, and Client certificates: Require.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="165"/>
        <source>Active Directory Client Certificate Authentication is installed (role Web-Client-Auth) and enabled (clientCertificateMappingAuthentication); the server is a domain member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/common/ReportWording.cpp" line="168"/>
        <source>Set-ActiveSyncVirtualDirectory -ClientCertAuth Required, with Basic and Windows authentication off. Running Set-ActiveSyncVirtualDirectory again later can switch the certificate mapping off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::CertificatePage</name>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="51"/>
        <source>The user&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="52"/>
        <source>Open the certificate the phone uses: a .pfx/.p12 with its key lets the endpoint test present it; a .cer/.pem/.p7b is enough for the mapping. You can also drop a file here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="58"/>
        <source>Certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="59"/>
        <source>C:\Users\admin\Desktop\usertest1.pfx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="60"/>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="64"/>
        <source>Certificate file password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="66"/>
        <source>only for a protected .pfx/.p12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="67"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="85"/>
        <source>Pre-flight findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="95"/>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="96"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="98"/>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="99"/>
        <source>Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="100"/>
        <source>Serial number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="101"/>
        <source>Valid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="102"/>
        <source>Key usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="103"/>
        <source>UPN / e-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="104"/>
        <source>SID extension:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="105"/>
        <source>Private key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="108"/>
        <source>Before going on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="112"/>
        <source>Open certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="113"/>
        <source>Certificates (*.pfx *.p12 *.cer *.crt *.der *.pem *.p7b);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="184"/>
        <source>Opening...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="225"/>
        <source>Opened (%1, %n certificate(s) in the file).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="230"/>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="235"/>
        <source>no EKU extension (any use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="239"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="241"/>
        <source>none (standalone or public CA: a strong explicit mapping is needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="242"/>
        <source>yes: the endpoint test can present the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="243"/>
        <source>no: the endpoint test cannot present this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="256"/>
        <source>No private key: the endpoint cannot be tested with this file (open the .pfx to test it); the directory can still be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/CertificatePage.cpp" line="262"/>
        <source>The certificate is valid now and allowed for client authentication.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::DirectoryPage</name>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="56"/>
        <source>Inspect the account in Active Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="57"/>
        <source>Reading only. Credentials are used for this connection and never stored; a simple bind is only made over TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="60"/>
        <source>A &amp;domain controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="62"/>
        <source>An &amp;LDIF export (ldifde or ldapsearch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="72"/>
        <source>&amp;Find domain controllers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="77"/>
        <source>Domain controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="81"/>
        <source>Kerberos (my logon ticket)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="82"/>
        <source>Simple bind over TLS (DN and password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="88"/>
        <source>Bind password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="92"/>
        <source>optional: CA certificate(s) of the DC&apos;s TLS certificate (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="97"/>
        <source>optional: sAMAccountName, UPN or DN (default: found from the certificate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="98"/>
        <source>&amp;Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="100"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="117"/>
        <source>altSecurityIdentities value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="117"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="117"/>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="139"/>
        <source>Do&amp;main:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="140"/>
        <source>Domain &amp;controller:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="141"/>
        <source>&amp;Bind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="142"/>
        <source>Bind D&amp;N:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="143"/>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="144"/>
        <source>DC&apos;s C&amp;A file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="146"/>
        <source>LDIF &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="147"/>
        <source>&amp;Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="171"/>
        <source>No domain controller found for %1 (%2). Type one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="172"/>
        <source>no SRV records</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="177"/>
        <source>Found %n domain controller(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="204"/>
        <source>The demo lab&apos;s directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="243"/>
        <source>Type the domain (e.g. contoso.com) to look its domain controllers up in DNS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="247"/>
        <source>Looking up %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="260"/>
        <source>Inspecting ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="329"/>
        <source>Not inspected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="334"/>
        <source>Read from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="335"/>
        <source>Account: %1 (%2), found by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="351"/>
        <source>(no values)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="353"/>
        <source>Published Certificates: holds this certificate (this does not map it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="354"/>
        <source>Published Certificates: does not hold this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="356"/>
        <source>Also mapped on: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="358"/>
        <source>NTAuth: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/DirectoryPage.cpp" line="372"/>
        <source>A strong mapping for this certificate is on this account only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::EndpointPage</name>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="47"/>
        <source>Test the endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="48"/>
        <source>The tool connects like a phone: TLS, the request, and the certificate when IIS asks for it (usually by renegotiation after the request). Nothing is changed on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="53"/>
        <source>Endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="56"/>
        <source>OPTIONS (what a phone sends first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="57"/>
        <source>GET (what a browser sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="60"/>
        <source>System proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="61"/>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="62"/>
        <source>This proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="69"/>
        <source>optional: the CA of the server&apos;s certificate, if it is private (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="70"/>
        <source>Do not treat an untrusted server certificate as a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="72"/>
        <source>&amp;Test endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="74"/>
        <source>&amp;Cancel test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="92"/>
        <source>Certificate authorities the server accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="101"/>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="102"/>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="103"/>
        <source>&amp;Proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="104"/>
        <source>Server &amp;CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="115"/>
        <source>CAs the server accepts (its list in the certificate request):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="184"/>
        <source>Testing %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="213"/>
        <source>Not tested yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="228"/>
        <source>Password method offered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="234"/>
        <source>%1 ms in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="245"/>
        <source>our issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="250"/>
        <source>Our issuer is NOT in this list: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="254"/>
        <source>The server did not ask for a certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/EndpointPage.cpp" line="255"/>
        <source>The server sent no list (the client may pick any certificate).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::FixPage</name>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="40"/>
        <source>Fix the mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="41"/>
        <source>The strong mapping is added to altSecurityIdentities; nothing is removed. A backup is written first and the value is read back after the write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="51"/>
        <source>Copy LDIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="53"/>
        <source>Copy PowerShell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="55"/>
        <source>&amp;Apply fix...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="57"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="59"/>
        <source>&amp;Test again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="76"/>
        <source>Change:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="78"/>
        <source>LDIF (ldifde -i / ldapmodify):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="81"/>
        <source>PowerShell (ActiveDirectory module):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="135"/>
        <source>The fix is applied. Undo puts the previous values back exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="148"/>
        <source>Nothing to change: the account already holds a strong mapping for this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="152"/>
        <source>Add one value to altSecurityIdentities of %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="175"/>
        <source>Backup of the previous values: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="178"/>
        <source>Undone from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="186"/>
        <source>Write to Active Directory?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="190"/>
        <source>&amp;Write the mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="197"/>
        <source>Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="200"/>
        <source>Add this value to altSecurityIdentities of
%1
in %2?

%3

Nothing is removed; a backup of the current values is written first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="217"/>
        <source>Writing ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="230"/>
        <source>Written and read back: the account now holds the strong mapping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="243"/>
        <source>Undoing ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="251"/>
        <source>Undone: altSecurityIdentities holds exactly the values it had before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="265"/>
        <source>Testing %1 again ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/FixPage.cpp" line="273"/>
        <source>Endpoint now: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::LogPanel</name>
    <message>
        <location filename="../../ui/src/LogPanel.cpp" line="49"/>
        <source>EAS Cert Doctor log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/LogPanel.cpp" line="54"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::ReportPage</name>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="55"/>
        <source>Verdict and report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="56"/>
        <source>Attach the report to the ticket: one HTML file that opens anywhere and prints well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="65"/>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="132"/>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="70"/>
        <source>Report file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="71"/>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="73"/>
        <source>&amp;Redact user names and host names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="75"/>
        <source>Also write &amp;JSON next to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="78"/>
        <source>&amp;Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="80"/>
        <source>&amp;Open in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="98"/>
        <source>Report &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="107"/>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="107"/>
        <source>HTML (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="132"/>
        <source>What was wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="135"/>
        <source>After the fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/ReportPage.cpp" line="168"/>
        <source>Report written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::WelcomePage</name>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="20"/>
        <source>Certificate authentication keeps failing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="21"/>
        <source>EAS Cert Doctor finds out why IIS cannot map a client certificate to an Active Directory account, and writes the strong mapping that fixes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="28"/>
        <source>The phone keeps asking for a password, a browser with the certificate gets HTTP 401.2: the server cannot find the account the certificate belongs to. This wizard tests the endpoint like a phone, inspects the account&apos;s mapping, fixes it (previewed, backed up, undoable) and writes a report for the ticket.

You will need:
  1. the user&apos;s certificate (.pfx, .p12, .cer, .pem or .p7b),
  2. the endpoint URL, e.g. https://mail.contoso.com/Microsoft-Server-ActiveSync,
  3. a domain controller, or an LDIF export of the user&apos;s account.

Choose Next to start, or try everything first on the demo lab: it runs on this computer and needs no server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="39"/>
        <source>Try the &amp;demo lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="41"/>
        <source>Start the demo lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="46"/>
        <source>Recent sessions (double-click to reuse):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="49"/>
        <source>Recent sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="99"/>
        <source>Starting the demo lab: a standalone CA, a user certificate, a directory and an IIS-like endpoint on this computer...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/pages/WelcomePage.cpp" line="108"/>
        <source>Demo lab running at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::Wizard</name>
    <message>
        <location filename="../../ui/src/Wizard.cpp" line="24"/>
        <source>EAS Cert Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Wizard.cpp" line="29"/>
        <source>Show &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eascert::ui::words</name>
    <message>
        <location filename="../../ui/src/Words.cpp" line="24"/>
        <source>The file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="25"/>
        <source>That is a folder or a device, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="26"/>
        <source>The file cannot be read (permissions?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="27"/>
        <source>The file is too large to be a certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="28"/>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="29"/>
        <source>This file is protected: type its password and choose Open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="30"/>
        <source>Wrong password. Type it again and choose Open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="31"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="33"/>
        <source>No account matches the certificate. Type the account (sAMAccountName, UPN or DN) and inspect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="36"/>
        <source>Several accounts match the certificate. Type the account to inspect and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="39"/>
        <source>The domain controller refused the bind: check the DN and password (or your Kerberos ticket).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="43"/>
        <source>This is not a certificate file. Open a .pfx, .p12, .cer, .crt, .pem or .p7b file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="45"/>
        <source>The file is damaged or truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="46"/>
        <source>The domain controller cannot be reached: check the name and port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="48"/>
        <source>No answer in time: check the name, the port and the firewall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="50"/>
        <source>A password is never sent without TLS: use ldaps://, or StartTLS on ldap://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="53"/>
        <source>Someone changed the account since it was inspected. Nothing was written: inspect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="56"/>
        <source>The TLS connection failed or the server&apos;s certificate is not trusted: give its CA certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="58"/>
        <source>The account you bound with may not change this attribute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="59"/>
        <source>The operation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="70"/>
        <source>Authenticated: the endpoint accepted the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="71"/>
        <source>Mapping failed (401.2): the certificate maps to no account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="72"/>
        <source>No certificate reached the server (403.7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="73"/>
        <source>The server does not trust the certificate (403.16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="74"/>
        <source>The certificate is revoked (403.13)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="75"/>
        <source>The certificate is expired or not yet valid (403.17)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="76"/>
        <source>The certificate mapper denied access (403.12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="77"/>
        <source>The server ended the TLS handshake with an alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="78"/>
        <source>The server&apos;s own certificate is not trusted here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="79"/>
        <source>The host name does not resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="80"/>
        <source>No connection to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="81"/>
        <source>The server did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="82"/>
        <source>The answer was not HTTPS as expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="83"/>
        <source>Redirected: the mailbox lives elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="84"/>
        <source>The server is busy (503)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="85"/>
        <source>Another site answered: no ActiveSync headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="86"/>
        <source>An unexpected answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/src/Words.cpp" line="103"/>
        <source>Strong value to add:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
